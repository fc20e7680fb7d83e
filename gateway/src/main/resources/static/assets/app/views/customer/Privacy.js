// 个人信息 — personal data on the card (R-CUS-13, R-SEC-3): consent to keep the data and to be
// contacted, each with when, by whom and how it was said, withdrawable, and every change kept;
// the ID card number entered (the server checks length, birth date and check digit) and shown
// masked; the whole number only by an audited reveal with a reason.
import { api, seg } from '../../api.js';
import { archiveAbilities } from '../../archive-access.js';
import { store, staffName, zone } from '../../store.js';
import { useForm } from '../../forms.js';
import { textProblem } from '../../validate.js';
import { idNumberProblem } from '../../archive-validate.js';
import { dateTime } from '../../format.js';

const { ref, reactive, computed, onMounted } = Vue;
const { useI18n } = VueI18n;

const HOWS = ['IN_PERSON', 'PHONE', 'WRITTEN', 'ONLINE'];

export const Privacy = {
  name: 'Privacy',
  props: { customer: { type: Object, required: true } },
  setup(props) {
    const { t, locale } = useI18n();
    const site = store.site;
    const base = `/api/customers/sites/${seg(site)}/customers/${seg(props.customer.customerId || props.customer.id)}`;
    const can = computed(() => archiveAbilities(store.user, site));
    const state = reactive({ data: null, problem: null });
    async function load() {
      try {
        state.data = await api.get(`${base}/personal-data`);
        state.problem = null;
      } catch (error) {
        state.problem = error;
      }
    }
    onMounted(() => { if (can.value.readPersonal) load(); });
    const consent = useForm({
      key: null,
      initial: () => ({ which: 'CONTACT', given: false, how: 'PHONE', note: '' }),
      rules: { how: (v) => (HOWS.includes(v) ? null : 'required'), note: (v) => textProblem(v, { max: 500 }) },
      byType: { 'consent-how-missing': 'how', 'consent-keep-data-withdrawn': 'which' },
      submit: async (v) => {
        state.data = await api.post(`${base}/consents`, { which: v.which, given: v.given, how: v.how, note: v.note.trim() || null });
        return state.data;
      },
    });
    const idNumber = useForm({
      key: null,
      initial: () => ({ idNumber: '' }),
      rules: { idNumber: (v) => idNumberProblem(v) },
      byType: { 'id-number-invalid': 'idNumber', 'consent-keep-data-withdrawn': 'idNumber' },
      submit: async (v) => {
        state.data = await api.put(`${base}/id-number`, { idNumber: v.idNumber.replace(/ /g, '').toUpperCase() });
        revealed.value = null;
        return state.data;
      },
    });
    const revealed = ref(null);
    const reveal = useForm({
      key: null,
      initial: () => ({ reason: '' }),
      rules: { reason: (v) => textProblem(v, { required: true, max: 500 }) },
      byType: { 'reveal-reason-required': 'reason' },
      submit: async (v) => { revealed.value = await api.post(`${base}/id-number/reveal`, { reason: v.reason.trim() }); return revealed.value; },
    });
    const stateOf = (c) => (!c ? 'NEVER' : c.given ? 'GIVEN' : 'WITHDRAWN');
    const howOptions = computed(() => HOWS.map((h) => ({ value: h, label: t('privacy.how.' + h) })));
    const whichOptions = computed(() => ['KEEP_DATA', 'CONTACT'].map((w) => ({ value: w, label: t('privacy.which.' + w) })));
    const givenOptions = computed(() => [{ value: true, label: t('privacy.give') }, { value: false, label: t('privacy.withdraw') }]);
    return { t, locale, can, state, consent, idNumber, reveal, revealed, stateOf, howOptions, whichOptions, givenOptions, staffName, dateTime, zone };
  },
  template: `
  <section class="panel" data-test="privacy" v-if="can.readPersonal">
    <h2>{{ $t('privacy.title') }}</h2>
    <problem-alert :problem="state.problem" />
    <template v-if="state.data">
      <dl class="kv">
        <template v-for="w in ['keepData', 'contact']" :key="w">
          <dt>{{ $t('privacy.which.' + (w === 'keepData' ? 'KEEP_DATA' : 'CONTACT')) }}</dt>
          <dd :data-test="'consent-' + w" :data-state="stateOf(state.data[w])">
            <a-tag :color="stateOf(state.data[w]) === 'WITHDRAWN' ? 'red' : stateOf(state.data[w]) === 'GIVEN' ? 'green' : 'default'">{{ $t('privacy.states.' + stateOf(state.data[w])) }}</a-tag>
            <span v-if="state.data[w]" class="small">{{ dateTime(state.data[w].at, zone(), locale) }} · {{ staffName(state.data[w].by) }} · {{ $t('privacy.how.' + state.data[w].how) }}</span>
          </dd>
        </template>
        <dt>{{ $t('privacy.idNumber') }}</dt><dd data-test="id-number-masked">{{ state.data.idNumber || '—' }}</dd>
      </dl>
      <a-alert v-if="!state.data.contactAllowed" type="warning" show-icon :message="$t('privacy.noContact')" data-test="no-contact" />
      <details v-if="state.data.history.length" class="gap-top"><summary class="small">{{ $t('privacy.history', { n: state.data.history.length }) }}</summary>
        <p v-for="(h, i) in state.data.history" :key="i" class="small">{{ dateTime(h.at, zone(), locale) }} · {{ $t('privacy.which.' + h.which) }} ·
          {{ h.given ? $t('privacy.give') : $t('privacy.withdraw') }} · {{ staffName(h.by) }} · {{ $t('privacy.how.' + h.how) }}{{ h.note ? ' · ' + h.note : '' }}</p>
      </details>
    </template>
    <template v-if="can.consent">
      <h3 class="subhead">{{ $t('privacy.record') }}</h3>
      <a-form layout="vertical" @submit="consent.send()" data-test="consent-form">
        <a-form-item :validate-status="consent.state.errors.which ? 'error' : ''" :help="consent.state.errors.which">
          <a-radio-group v-model:value="consent.values.which" :options="whichOptions" data-test="consent-which" /></a-form-item>
        <a-form-item><a-radio-group v-model:value="consent.values.given" :options="givenOptions" data-test="consent-given" /></a-form-item>
        <a-form-item :label="$t('privacy.howLabel')" :validate-status="consent.state.errors.how ? 'error' : ''" :help="consent.state.errors.how">
          <a-select v-model:value="consent.values.how" :options="howOptions" class="form-select" data-test="consent-how" /></a-form-item>
        <a-form-item :label="$t('field.note')" :validate-status="consent.state.errors.note ? 'error' : ''" :help="consent.state.errors.note">
          <a-input v-model:value="consent.values.note" :maxlength="500" data-test="consent-note" /></a-form-item>
        <problem-alert :problem="consent.state.problem" class="gap" />
        <a-button html-type="submit" :loading="consent.state.submitting" data-test="consent-save">{{ $t('app.save') }}</a-button>
      </a-form>
    </template>
    <template v-if="can.idNumber(customer)">
      <h3 class="subhead">{{ $t('privacy.enterId') }}</h3>
      <a-form layout="vertical" @submit="idNumber.send()" data-test="id-number-form">
        <a-form-item :validate-status="idNumber.state.errors.idNumber ? 'error' : ''" :help="idNumber.state.errors.idNumber || $t('privacy.idHint')">
          <a-input v-model:value="idNumber.values.idNumber" :maxlength="40" autocomplete="off" data-test="id-number" /></a-form-item>
        <problem-alert :problem="idNumber.state.problem" class="gap" />
        <a-button html-type="submit" :loading="idNumber.state.submitting" data-test="id-number-save">{{ $t('app.save') }}</a-button>
      </a-form>
    </template>
    <template v-if="can.revealId(customer) && state.data && state.data.idNumber">
      <h3 class="subhead">{{ $t('privacy.reveal') }}</h3>
      <p v-if="revealed" data-test="id-number-revealed"><strong>{{ revealed.idNumber }}</strong>
        <span class="muted small"> {{ $t('customer.revealedNote', { at: dateTime(revealed.at, zone(), locale) }) }}</span></p>
      <a-form v-else layout="vertical" @submit="reveal.send()" data-test="id-reveal-form">
        <a-form-item :label="$t('field.reason')" :validate-status="reveal.state.errors.reason ? 'error' : ''" :help="reveal.state.errors.reason || $t('customer.revealHint')">
          <a-input v-model:value="reveal.values.reason" :maxlength="500" data-test="id-reveal-reason" /></a-form-item>
        <problem-alert :problem="reveal.state.problem" class="gap" />
        <a-button html-type="submit" :loading="reveal.state.submitting" data-test="id-reveal">{{ $t('customer.revealIt') }}</a-button>
      </a-form>
    </template>
  </section>`,
};
