// 市场信息 — weekly market notes (R-OPS-5): property news reviewed and shared with the site's sales
// staff and the ASSISTANT, a week at a time, with their sources.
import { api, seg } from '../../api.js';
import { archiveAbilities } from '../../archive-access.js';
import { store, staffName, zone, siteToday } from '../../store.js';
import { useForm, useList } from '../../forms.js';
import { textProblem } from '../../validate.js';
import { dateTime, daysBefore } from '../../format.js';

const { computed, onMounted } = Vue;
const { useI18n } = VueI18n;

export const MarketNotes = {
  name: 'MarketNotes',
  setup() {
    const { locale } = useI18n();
    const site = store.site;
    const base = `/api/reception/sites/${seg(site)}/market-notes`;
    const can = computed(() => archiveAbilities(store.user, site));
    const { state, load } = useList(() => `${base}?day=${state.day}`, { day: siteToday() });
    onMounted(load);
    const week = (n) => { state.day = daysBefore(state.day, n); load(); };
    const form = useForm({
      key: `market-note:${site}`,
      initial: () => ({ title: '', content: '', sources: '' }),
      rules: {
        title: (v) => textProblem(v, { required: true, max: 100 }), content: (v) => textProblem(v, { required: true, max: 8000 }),
        sources: (v) => { const list = v.split('\n').map((x) => x.trim()).filter(Boolean); return list.length > 10 ? 'tooManySources' : list.some((x) => x.length > 300) ? 'tooLong' : null; },
      },
      byType: { 'note-too-many-sources': 'sources' },
      submit: async (v) => {
        const note = await api.post(base, { title: v.title.trim(), content: v.content.trim(), sources: v.sources.split('\n').map((x) => x.trim()).filter(Boolean) });
        state.day = siteToday();
        await load();
        return note;
      },
    });
    return { can, state, week, form, staffName, dateTime, zone, locale };
  },
  template: `
  <div data-test="market-notes">
    <problem-alert :problem="state.problem" />
    <a-space wrap class="gap"><a-button size="small" @click="week(7)">{{ $t('market.earlier') }}</a-button>
      <span class="small">{{ $t('market.weekOf', { day: state.day }) }}</span>
      <a-button size="small" @click="week(-7)">{{ $t('market.later') }}</a-button></a-space>
    <a-empty v-if="!state.items.length" :description="$t('market.none')" />
    <div v-for="n in state.items" :key="n.id" class="gap" data-test="market-note" :data-id="n.id">
      <h3 class="subhead">{{ n.title }} <span class="muted small">{{ staffName(n.by) }} · {{ dateTime(n.at, zone(), locale) }}</span></h3>
      <p class="small wrap">{{ n.content }}</p>
      <p v-for="(s, i) in n.sources" :key="i" class="small muted wrap">{{ s }}</p>
    </div>
    <template v-if="can.shareMarketNote">
      <h3 class="subhead">{{ $t('market.share') }}</h3>
      <draft-note :form="form" />
      <a-form layout="vertical" @submit="form.send()" data-test="market-note-form">
        <a-form-item :label="$t('market.title')" :validate-status="form.state.errors.title ? 'error' : ''" :help="form.state.errors.title">
          <a-input v-model:value="form.values.title" :maxlength="100" data-test="market-title" /></a-form-item>
        <a-form-item :label="$t('market.content')" :validate-status="form.state.errors.content ? 'error' : ''" :help="form.state.errors.content">
          <a-textarea v-model:value="form.values.content" :rows="4" :maxlength="8000" data-test="market-content" /></a-form-item>
        <a-form-item :label="$t('market.sources')" :validate-status="form.state.errors.sources ? 'error' : ''" :help="form.state.errors.sources || $t('market.sourcesHint')">
          <a-textarea v-model:value="form.values.sources" :rows="2" /></a-form-item>
        <problem-alert :problem="form.state.problem" class="gap" />
        <a-button type="primary" html-type="submit" :loading="form.state.submitting" data-test="market-save">{{ $t('market.shareIt') }}</a-button>
      </a-form>
    </template>
  </div>`,
};
