// 抗性与疑问 — a customer's objection (抗性) or a question the rep cannot answer, taken to the MANAGER
// (R-CUS-5), who answers it here. A rep sees their own, the SUPERVISOR and the MANAGER all; the card
// is where a rep raises one.
import { api, seg } from '../../api.js';
import { archiveAbilities } from '../../archive-access.js';
import { store, staffName, zone } from '../../store.js';
import { useForm, useList } from '../../forms.js';
import { textProblem } from '../../validate.js';
import { dateTime } from '../../format.js';

const { ref, computed, onMounted } = Vue;
const { useI18n } = VueI18n;

export const Questions = {
  name: 'Questions',
  props: { customer: { type: String, default: '' } },
  setup(props) {
    const { locale } = useI18n();
    const site = store.site;
    const base = `/api/customers/sites/${seg(site)}/questions`;
    const can = computed(() => archiveAbilities(store.user, site));
    const { state, load } = useList(() => {
      const q = new URLSearchParams({ open: String(state.openOnly) });
      if (props.customer) q.set('customer', props.customer);
      return `${base}?${q}`;
    }, { openOnly: !props.customer });
    onMounted(load);
    const chosen = ref(null);
    const answer = useForm({
      key: null,
      initial: () => ({ answer: '' }),
      rules: { answer: (v) => textProblem(v, { required: true, max: 4000 }) },
      byType: { 'question-answered': 'answer' },
      submit: async (v) => {
        const item = await api.post(`${base}/${seg(chosen.value.id)}/answer`, { answer: v.answer.trim() });
        chosen.value = null;
        await load();
        return item;
      },
    });
    return { can, state, load, chosen, answer, staffName, dateTime, zone, locale };
  },
  template: `
  <div data-test="questions">
    <problem-alert :problem="state.problem" />
    <list-cut :at="state.cut" />
    <a-checkbox v-if="!customer" v-model:checked="state.openOnly" @change="load" class="gap">{{ $t('questions.openOnly') }}</a-checkbox>
    <a-empty v-if="!state.items.length" :description="$t('questions.none')" />
    <a-list v-else :data-source="state.items" size="small">
      <template #renderItem="{ item }">
        <a-list-item data-test="question" :data-id="item.id" :data-answered="item.answer ? 'yes' : 'no'">
          <a-list-item-meta>
            <template #title><a-tag :color="item.kind === 'OBJECTION' ? 'orange' : 'blue'">{{ $t('questions.kinds.' + item.kind) }}</a-tag>
              <router-link :to="'/customers/' + encodeURIComponent(item.customerId)">{{ item.archiveNo }}</router-link>
              <span class="muted small"> {{ staffName(item.raisedBy) }} · {{ dateTime(item.raisedAt, zone(), locale) }}</span></template>
            <template #description><span class="wrap">{{ item.text }}</span>
              <span v-if="item.answer" class="small" data-test="question-answer"><br /><strong>{{ $t('questions.answer') }}</strong>：{{ item.answer }} · {{ staffName(item.answeredBy) }}</span></template>
          </a-list-item-meta>
          <a-button v-if="!item.answer && can.answerQuestion" size="small" type="primary" @click="chosen = item; answer.reset()" data-test="question-answer-open">{{ $t('questions.answerIt') }}</a-button>
        </a-list-item>
      </template>
    </a-list>
    <a-modal :open="!!chosen" :title="$t('questions.answerIt')" :footer="null" @cancel="chosen = null" destroy-on-close>
      <p v-if="chosen" class="wrap">{{ chosen.text }}</p>
      <a-form layout="vertical" @submit="answer.send()" data-test="answer-form">
        <a-form-item :validate-status="answer.state.errors.answer ? 'error' : ''" :help="answer.state.errors.answer">
          <a-textarea v-model:value="answer.values.answer" :rows="3" :maxlength="4000" data-test="answer-text" /></a-form-item>
        <problem-alert :problem="answer.state.problem" class="gap" />
        <a-button type="primary" html-type="submit" :loading="answer.state.submitting" data-test="answer-save">{{ $t('app.confirm') }}</a-button>
      </a-form>
    </a-modal>
  </div>`,
};
