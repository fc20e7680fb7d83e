// 工作计划 — plans (R-OPS-2): a rep or the MANAGER hands in today's plan in the morning (or next week's
// on Saturday) to the ASSISTANT, who sees who has and who has not and hands each back before close;
// its author then writes the summary.
import { api, seg } from '../../api.js';
import { abilities, has } from '../../access.js';
import { store, staffName, zone } from '../../store.js';
import { useForm, useAction } from '../../forms.js';
import { textProblem } from '../../validate.js';
import { dateTime } from '../../format.js';

const { reactive, computed, onMounted } = Vue;
const { useI18n } = VueI18n;

export const Plans = {
  name: 'Plans',
  setup() {
    const { locale } = useI18n();
    const site = store.site;
    const base = `/api/reception/sites/${seg(site)}/plans`;
    const can = computed(() => abilities(store.user, site));
    const author = computed(() => can.value.followUpLists);
    const board = computed(() => can.value.readMeeting && (has(store.user, 'ASSISTANT') || has(store.user, 'MANAGER')));
    const state = reactive({ mine: [], board: null, problem: null, kind: 'DAILY' });
    async function load() {
      try {
        if (author.value) state.mine = await api.get(`${base}/mine`) || [];
        if (board.value) state.board = await api.get(`${base}?kind=${state.kind}`);
        state.problem = null;
      } catch (error) {
        state.problem = error;
      }
    }
    onMounted(load);
    const plan = useForm({
      key: `plan:${site}`,
      initial: () => ({ kind: 'DAILY', items: '', note: '' }),
      rules: {
        items: (v) => {
          const lines = v.split('\n').map((x) => x.trim()).filter(Boolean);
          if (!lines.length) return 'required';
          return lines.length > 30 || lines.some((x) => x.length > 200) ? 'tooLong' : null;
        },
        note: (v) => textProblem(v, { max: 2000 }),
      },
      byType: { 'plan-not-saturday': 'kind', 'plan-kind-invalid': 'kind', 'plan-returned': 'items' },
      submit: async (v) => {
        const answer = await api.post(base, { kind: v.kind, items: v.items.split('\n').map((x) => x.trim()).filter(Boolean), note: v.note.trim() || null });
        await load();
        return answer;
      },
    });
    const handBack = useAction(async (p) => { const answer = await api.post(`${base}/${seg(p.id)}/return`); await load(); return answer; });
    const summaries = reactive({});
    const summarise = useAction(async (p) => {
      const text = String(summaries[p.id] || '').trim();
      if (!text) throw Object.assign(new Error('总结必填 (A summary is needed)'), {});
      const answer = await api.put(`${base}/${seg(p.id)}/summary`, { summary: text });
      await load();
      return answer;
    });
    return { state, author, board, plan, handBack, summaries, summarise, load, staffName, dateTime, zone, locale };
  },
  template: `
  <div data-test="plans">
    <problem-alert :problem="state.problem" />
    <template v-if="author">
      <h3 class="subhead">{{ $t('plans.handIn') }}</h3>
      <a-form layout="vertical" @submit="plan.send()" data-test="plan-form">
        <a-form-item :validate-status="plan.state.errors.kind ? 'error' : ''" :help="plan.state.errors.kind">
          <a-radio-group v-model:value="plan.values.kind"><a-radio value="DAILY">{{ $t('plans.kinds.DAILY') }}</a-radio><a-radio value="WEEKLY">{{ $t('plans.kinds.WEEKLY') }}</a-radio></a-radio-group></a-form-item>
        <a-form-item :label="$t('plans.items')" :validate-status="plan.state.errors.items ? 'error' : ''" :help="plan.state.errors.items || $t('plans.itemsHint')">
          <a-textarea v-model:value="plan.values.items" :rows="4" data-test="plan-items" /></a-form-item>
        <a-form-item :label="$t('field.note')" :validate-status="plan.state.errors.note ? 'error' : ''" :help="plan.state.errors.note">
          <a-input v-model:value="plan.values.note" :maxlength="2000" /></a-form-item>
        <problem-alert :problem="plan.state.problem" class="gap" />
        <a-button type="primary" html-type="submit" :loading="plan.state.submitting" data-test="plan-save">{{ $t('plans.handIn') }}</a-button>
      </a-form>
      <h3 class="subhead">{{ $t('plans.mine') }}</h3>
      <p v-if="!state.mine.length" class="muted">{{ $t('app.none') }}</p>
      <div v-for="p in state.mine" :key="p.id" class="gap" data-test="my-plan" :data-state="p.state">
        <strong>{{ $t('plans.kinds.' + p.kind) }} {{ p.period }}</strong> <a-tag>{{ $t('plans.states.' + p.state) }}</a-tag> <a-tag v-if="p.late" color="orange">{{ $t('plans.late') }}</a-tag>
        <ol class="small"><li v-for="(x, i) in p.items" :key="i">{{ x }}</li></ol>
        <p v-if="p.summary" class="small">{{ $t('plans.summary') }}：{{ p.summary }}</p>
        <template v-if="p.state === 'RETURNED'">
          <a-textarea v-model:value="summaries[p.id]" :rows="2" :maxlength="4000" :placeholder="$t('plans.summary')" />
          <a-button size="small" class="gap-top" :loading="summarise.state.busy" @click="summarise.act(p)">{{ $t('app.save') }}</a-button>
        </template>
      </div>
      <problem-alert :problem="summarise.state.problem" />
    </template>
    <template v-if="board && state.board">
      <h3 class="subhead">{{ $t('plans.board', { period: state.board.period }) }}</h3>
      <p v-if="state.board.missing.length" data-test="plans-missing" :data-count="state.board.missing.length">{{ $t('plans.missing') }}：{{ state.board.missing.map((m) => m.name || staffName(m.userId)).join('、') }}</p>
      <a-list :data-source="state.board.plans" size="small" data-test="plan-board">
        <template #renderItem="{ item }">
          <a-list-item data-test="plan" :data-author="item.author" :data-state="item.state">
            <a-list-item-meta :description="item.items.join('；')">
              <template #title>{{ staffName(item.author) }} <a-tag>{{ $t('plans.states.' + item.state) }}</a-tag> <a-tag v-if="item.late" color="orange">{{ $t('plans.late') }}</a-tag></template>
            </a-list-item-meta>
            <a-button v-if="item.state === 'HANDED_IN'" size="small" :loading="handBack.state.busy" data-test="hand-back" @click="handBack.act(item)">{{ $t('plans.handBack') }}</a-button>
          </a-list-item>
        </template>
      </a-list>
      <problem-alert :problem="handBack.state.problem" />
    </template>
  </div>`,
};
