// Section P: the site's policy settings in force today and their history; ADMIN or the site's
// MANAGER changes them from a day on (today or later), with the reason, audited.
import { api, seg } from '../../api.js';
import { abilities } from '../../access.js';
import { store, staffName, siteToday, zone } from '../../store.js';
import { useForm } from '../../forms.js';
import { textProblem } from '../../validate.js';
import { dateTime } from '../../format.js';

const { ref, computed, onMounted } = Vue;
const { useI18n } = VueI18n;

const INTS = { protectionMonths: [1, 24], holdMinutes: [1, 1440], smallDepositDays: [1, 90], contractDays: [1, 180], breachMonths: [1, 24] };
const PERCENTS = { transferFeePercent: 10, repDiscountPercent: 50, managerDiscountPercent: 50 };
const SPLITS = ['splitRefusedOwner', 'splitHelperSameDay', 'splitHelperLater', 'splitForgotten', 'splitNamedLater'];

function intRule([min, max]) {
  return (v) => (Number.isInteger(Number(v)) && String(v).trim() !== '' && Number(v) >= min && Number(v) <= max ? null : ['int', { min, max }]);
}
function percentRule(max) {
  return (v) => (/^\d+(\.\d{1,2})?$/.test(String(v).trim()) && Number(v) <= max ? null : ['percent', { max }]);
}

export const Policies = {
  name: 'Policies',
  setup() {
    const { locale } = useI18n();
    const site = store.site;
    const can = computed(() => abilities(store.user, site));
    const policies = ref(null);
    const problem = ref(null);
    const today = siteToday();
    const fromSettings = (s) => ({
      effectiveFrom: today, reason: '', protectionRenewsOn: s.protectionRenewsOn, owedTurnsWhenBusy: s.owedTurnsWhenBusy,
      namedFirstVisitUsesTurn: s.namedFirstVisitUsesTurn, transferFeeFixed: s.transferFeeFixed === null ? '' : String(s.transferFeeFixed),
      ...Object.fromEntries(Object.keys(INTS).map((k) => [k, String(s[k])])),
      ...Object.fromEntries(Object.keys(PERCENTS).map((k) => [k, String(s[k])])),
      ...Object.fromEntries(SPLITS.map((k) => [k, String(s[k].first)])),
    });
    const form = useForm({
      key: `policy:${site}`,
      initial: () => (policies.value ? fromSettings(policies.value.current) : { effectiveFrom: today, reason: '' }),
      rules: {
        effectiveFrom: (v) => (!v ? 'day' : v < today ? 'notPast' : null),
        reason: (v) => textProblem(v, { required: true, max: 500 }),
        ...Object.fromEntries(Object.entries(INTS).map(([k, range]) => [k, intRule(range)])),
        ...Object.fromEntries(Object.entries(PERCENTS).map(([k, max]) => [k, percentRule(max)])),
        ...Object.fromEntries(SPLITS.map((k) => [k, intRule([0, 100])])),
        managerDiscountPercent: (v, f) => percentRule(50)(v) || (Number(v) < Number(f.repDiscountPercent) ? 'managerBelowRep' : null),
        transferFeeFixed: (v) => (String(v).trim() === '' || /^\d+(\.\d{1,2})?$/.test(String(v).trim()) ? null : 'amount'),
      },
      byType: { 'policy-in-the-past': 'effectiveFrom', 'policy-reason-missing': 'reason' },
      keep: true,
      submit: async (v) => {
        const settings = {
          protectionRenewsOn: v.protectionRenewsOn, owedTurnsWhenBusy: v.owedTurnsWhenBusy, namedFirstVisitUsesTurn: v.namedFirstVisitUsesTurn,
          transferFeeFixed: String(v.transferFeeFixed).trim() === '' ? null : String(v.transferFeeFixed).trim(),
          ...Object.fromEntries(Object.keys(INTS).map((k) => [k, Number(v[k])])),
          ...Object.fromEntries(Object.keys(PERCENTS).map((k) => [k, String(v[k]).trim()])),
          ...Object.fromEntries(SPLITS.map((k) => [k, { first: Number(v[k]), second: 100 - Number(v[k]) }])),
        };
        policies.value = await api.post(`/api/reception/sites/${seg(site)}/policies`, { effectiveFrom: v.effectiveFrom, settings, reason: v.reason.trim() });
        store.policy = null;
        return policies.value;
      },
    });
    onMounted(async () => {
      try {
        policies.value = await api.get(`/api/reception/sites/${seg(site)}/policies`);
        if (!form.state.restored) Object.assign(form.values, fromSettings(policies.value.current));
      } catch (error) {
        problem.value = error;
      }
    });
    const day = computed({
      get: () => (form.values.effectiveFrom ? window.dayjs(form.values.effectiveFrom) : null),
      set: (value) => { form.values.effectiveFrom = value ? value.format('YYYY-MM-DD') : ''; },
    });
    const disabledDate = (d) => d && d.format('YYYY-MM-DD') < today;
    return { can, policies, problem, form, day, disabledDate, INTS, PERCENTS, SPLITS, staffName, dateTime, zone, locale };
  },
  template: `
  <div data-test="policies">
    <problem-alert :problem="problem" />
    <div class="columns" v-if="policies">
      <div>
        <h3 class="subhead">{{ $t('manager.policyNow') }}</h3>
        <dl class="kv" data-test="policy-now">
          <template v-for="(range, k) in INTS" :key="k"><dt>{{ $t('policy.' + k) }}</dt><dd>{{ policies.current[k] }}</dd></template>
          <dt>{{ $t('policy.protectionRenewsOn') }}</dt><dd>{{ $t('policy.renewal.' + policies.current.protectionRenewsOn) }}</dd>
          <template v-for="k in SPLITS" :key="k"><dt>{{ $t('policy.' + k) }}</dt><dd>{{ policies.current[k].first }}/{{ policies.current[k].second }}</dd></template>
          <template v-for="(max, k) in PERCENTS" :key="k"><dt>{{ $t('policy.' + k) }}</dt><dd>{{ policies.current[k] }}%</dd></template>
          <dt>{{ $t('policy.owedTurnsWhenBusy') }}</dt><dd>{{ policies.current.owedTurnsWhenBusy ? $t('app.yes') : $t('app.no') }}</dd>
          <dt>{{ $t('policy.namedFirstVisitUsesTurn') }}</dt><dd>{{ policies.current.namedFirstVisitUsesTurn ? $t('app.yes') : $t('app.no') }}</dd>
        </dl>
        <h3 class="subhead">{{ $t('manager.policyHistory') }}</h3>
        <p v-if="!policies.versions.length" class="muted">{{ $t('manager.policyDefaults') }}</p>
        <p v-for="v in policies.versions" :key="v.effectiveFrom + v.changedAt" class="small">
          {{ $t('manager.policyVersion', { day: v.effectiveFrom, by: staffName(v.changedBy), at: dateTime(v.changedAt, zone(), locale) }) }} — {{ v.reason }}</p>
      </div>
      <a-form v-if="can.changePolicy" layout="vertical" @submit="form.send()" data-test="policy-form">
        <h3 class="subhead">{{ $t('manager.changePolicy') }}</h3>
        <draft-note :form="form" />
        <a-form-item :label="$t('manager.from')" :validate-status="form.state.errors.effectiveFrom ? 'error' : ''" :help="form.state.errors.effectiveFrom">
          <a-date-picker v-model:value="day" :disabled-date="disabledDate" :allow-clear="false" />
        </a-form-item>
        <div class="field-row">
          <a-form-item v-for="(range, k) in INTS" :key="k" :label="$t('policy.' + k)" :validate-status="form.state.errors[k] ? 'error' : ''" :help="form.state.errors[k]">
            <a-input v-model:value="form.values[k]" inputmode="numeric" :maxlength="4" />
          </a-form-item>
          <a-form-item v-for="(max, k) in PERCENTS" :key="k" :label="$t('policy.' + k)" :validate-status="form.state.errors[k] ? 'error' : ''" :help="form.state.errors[k]">
            <a-input v-model:value="form.values[k]" inputmode="decimal" suffix="%" :maxlength="6" />
          </a-form-item>
          <a-form-item v-for="k in SPLITS" :key="k" :label="$t('policy.' + k)" :validate-status="form.state.errors[k] ? 'error' : ''"
            :help="form.state.errors[k] || (form.values[k] !== '' ? form.values[k] + '/' + (100 - Number(form.values[k])) : '')">
            <a-input v-model:value="form.values[k]" inputmode="numeric" :maxlength="3" suffix="%" />
          </a-form-item>
          <a-form-item :label="$t('policy.transferFeeFixed')" :validate-status="form.state.errors.transferFeeFixed ? 'error' : ''" :help="form.state.errors.transferFeeFixed">
            <a-input v-model:value="form.values.transferFeeFixed" inputmode="decimal" prefix="¥" :maxlength="12" />
          </a-form-item>
        </div>
        <a-form-item :label="$t('policy.protectionRenewsOn')">
          <a-radio-group v-model:value="form.values.protectionRenewsOn">
            <a-radio-button value="VISIT">{{ $t('policy.renewal.VISIT') }}</a-radio-button>
            <a-radio-button value="FIXED">{{ $t('policy.renewal.FIXED') }}</a-radio-button>
            <a-radio-button value="CHECKED_FOLLOW_UP">{{ $t('policy.renewal.CHECKED_FOLLOW_UP') }}</a-radio-button>
          </a-radio-group>
        </a-form-item>
        <a-form-item><a-checkbox v-model:checked="form.values.owedTurnsWhenBusy">{{ $t('policy.owedTurnsWhenBusy') }}</a-checkbox></a-form-item>
        <a-form-item><a-checkbox v-model:checked="form.values.namedFirstVisitUsesTurn">{{ $t('policy.namedFirstVisitUsesTurn') }}</a-checkbox></a-form-item>
        <a-form-item :label="$t('field.reason')" required :validate-status="form.state.errors.reason ? 'error' : ''" :help="form.state.errors.reason">
          <a-input v-model:value="form.values.reason" :maxlength="500" data-test="policy-reason" />
        </a-form-item>
        <problem-alert :problem="form.state.problem" class="gap" />
        <a-alert v-if="form.state.result" type="success" show-icon class="gap" :message="$t('manager.policySaved')" />
        <a-button type="primary" html-type="submit" :loading="form.state.submitting">{{ $t('app.save') }}</a-button>
      </a-form>
    </div>
  </div>`,
};
