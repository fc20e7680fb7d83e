// 满意度调查 — satisfaction surveys of customers and owners by letter or phone (R-CUS-10): scores 1–5
// for the property, the service, the construction and overall; the averages of the last 30 days for
// the SUPERVISOR and the MANAGER. Not for a customer who withdrew consent to be contacted (R-CUS-13).
import { api, seg } from '../../api.js';
import { archiveAbilities } from '../../archive-access.js';
import { store, staffName, zone } from '../../store.js';
import { useForm, useList } from '../../forms.js';
import { textProblem } from '../../validate.js';
import { scoresProblem } from '../../archive-validate.js';
import { dateTime } from '../../format.js';

const { computed, onMounted } = Vue;
const { useI18n } = VueI18n;

export const TOPICS = ['PROPERTY', 'SERVICE', 'CONSTRUCTION', 'OVERALL'];

export const Surveys = {
  name: 'Surveys',
  setup() {
    const { t, locale } = useI18n();
    const site = store.site;
    const base = `/api/customers/sites/${seg(site)}/surveys`;
    const can = computed(() => archiveAbilities(store.user, site));
    const { state, load } = useList(base, { summary: null }, async (read) => {
      if (can.value.surveySummary) read.summary = await api.get(`${base}/summary`);
    });
    onMounted(load);
    const form = useForm({
      key: `survey:${site}`,
      initial: () => ({ customer: '', audience: 'CUSTOMER', channel: 'PHONE', scores: { PROPERTY: null, SERVICE: null, CONSTRUCTION: null, OVERALL: null }, comments: '' }),
      rules: { customer: (v) => textProblem(v, { required: true, max: 64 }), scores: (v) => scoresProblem(v), comments: (v) => textProblem(v, { max: 2000 }) },
      byType: { 'customer-unknown': 'customer', 'contact-withdrawn': 'customer' },
      submit: async (v) => {
        const scores = Object.fromEntries(Object.entries(v.scores).filter(([, s]) => s).map(([k, s]) => [k, Number(s)]));
        const answer = await api.post(base, { customer: v.customer.trim(), audience: v.audience, channel: v.channel, scores, comments: v.comments.trim() || null });
        await load();
        return answer;
      },
    });
    const audienceOptions = computed(() => ['CUSTOMER', 'OWNER'].map((k) => ({ value: k, label: t('surveys.audiences.' + k) })));
    const channelOptions = computed(() => ['PHONE', 'LETTER'].map((k) => ({ value: k, label: t('feedback.channels.' + k) })));
    const scoreOptions = [1, 2, 3, 4, 5].map((n) => ({ value: n, label: String(n) }));
    const average = (topic) => {
      const v = state.summary?.averages?.[topic] ?? null;
      return v === null || v === undefined ? '—' : Number(v).toFixed(2);
    };
    return { can, state, form, audienceOptions, channelOptions, scoreOptions, TOPICS, average, staffName, dateTime, zone, locale };
  },
  template: `
  <div data-test="surveys">
    <problem-alert :problem="state.problem" />
    <div v-if="state.summary" class="gap" data-test="survey-summary" :data-count="state.summary.surveys">
      <h3 class="subhead">{{ $t('surveys.summary') }}</h3>
      <p class="small"><span v-for="topic in TOPICS" :key="topic" class="gap-right">{{ $t('surveys.topics.' + topic) }} <strong>{{ average(topic) }}</strong>　</span></p>
    </div>
    <a-empty v-if="!state.items.length" :description="$t('surveys.none')" />
    <a-list v-else :data-source="state.items" size="small">
      <template #renderItem="{ item }">
        <a-list-item data-test="survey" :data-archive-no="item.archiveNo">
          <a-list-item-meta :description="item.comments || ''">
            <template #title>{{ item.archiveNo }} · {{ $t('surveys.audiences.' + item.audience) }} · {{ $t('feedback.channels.' + item.channel) }}
              <span class="muted small">{{ staffName(item.surveyedBy) }} · {{ dateTime(item.at, zone(), locale) }}</span><br />
              <a-tag v-for="(score, topic) in item.scores" :key="topic">{{ $t('surveys.topics.' + topic) }} {{ score }}</a-tag></template>
          </a-list-item-meta>
        </a-list-item>
      </template>
    </a-list>
    <template v-if="can.survey">
      <h3 class="subhead">{{ $t('surveys.record') }}</h3>
      <draft-note :form="form" />
      <a-form layout="vertical" @submit="form.send()" data-test="survey-form">
        <a-form-item :label="$t('feedback.customer')" :validate-status="form.state.errors.customer ? 'error' : ''" :help="form.state.errors.customer">
          <a-input v-model:value="form.values.customer" :maxlength="64" data-test="survey-customer" /></a-form-item>
        <a-form-item><a-radio-group v-model:value="form.values.audience" :options="audienceOptions" /></a-form-item>
        <a-form-item><a-radio-group v-model:value="form.values.channel" :options="channelOptions" /></a-form-item>
        <a-form-item :validate-status="form.state.errors.scores ? 'error' : ''" :help="form.state.errors.scores">
          <div v-for="topic in TOPICS" :key="topic" class="score-row">
            <span class="score-label">{{ $t('surveys.topics.' + topic) }}</span>
            <a-radio-group v-model:value="form.values.scores[topic]" :options="scoreOptions" option-type="button" size="small" :data-test="'score-' + topic" />
          </div></a-form-item>
        <a-form-item :label="$t('surveys.comments')" :validate-status="form.state.errors.comments ? 'error' : ''" :help="form.state.errors.comments">
          <a-textarea v-model:value="form.values.comments" :rows="2" :maxlength="2000" /></a-form-item>
        <problem-alert :problem="form.state.problem" class="gap" />
        <a-button type="primary" html-type="submit" :loading="form.state.submitting" data-test="survey-save">{{ $t('app.save') }}</a-button>
      </a-form>
    </template>
  </div>`,
};
