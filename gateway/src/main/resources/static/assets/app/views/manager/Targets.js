// 销售目标 — the MANAGER's targets of a month (issue 15): for the site and for each rep, units subscribed
// (认购套数), amounts subscribed, contracted and collected (回款), each left empty when not set; saved whole
// (PUT …/targets/{month}, replacing what was set, audited). Beside it the month's 销售目标完成情况表 — achieved
// against target per rep and for the site, from reporting-service's read models. Bounds as the API's: units a
// whole number up to 100,000; amounts up to 10^10 yuan with two decimals; at most 200 reps.
import { api, seg } from '../../api.js';
import { abilities } from '../../access.js';
import { store, siteToday, staff, staffName, zone } from '../../store.js';
import { useForm } from '../../forms.js';
import { targetUnitsProblem, targetAmountProblem } from '../../validate.js';
import { dateTime } from '../../format.js';
import { ReportTables } from '../../components/ReportTables.js';

const { reactive, computed, onMounted } = Vue;
const { useI18n } = VueI18n;

const MEASURES = ['units', 'subscribed', 'contracted', 'collected'];
const blankGoal = () => ({ units: '', subscribed: '', contracted: '', collected: '' });

/** Every goal's fields checked; answers the first wrong one as {row.measure: key}. */
function goalsProblem(rows) {
  for (const row of rows) {
    const units = targetUnitsProblem(row.units);
    if (units) return units;
    for (const m of ['subscribed', 'contracted', 'collected']) {
      const wrong = targetAmountProblem(row[m]);
      if (wrong) return wrong;
    }
  }
  return null;
}

/** A goal as the API reads it: units a JSON number, amounts strings of yuan, what is empty left out. */
function goalBody(goal) {
  const body = {};
  if (String(goal.units ?? '').trim()) body.units = Number(String(goal.units).trim());
  for (const m of ['subscribed', 'contracted', 'collected']) {
    const text = String(goal[m] ?? '').trim().replace(/,/g, '');
    if (text) body[m] = text;
  }
  return body;
}

export const Targets = {
  name: 'Targets',
  components: { ReportTables },
  setup() {
    const { locale } = useI18n();
    const site = store.site;
    const can = computed(() => abilities(store.user, site));
    const state = reactive({ month: siteToday().slice(0, 7), targets: null, report: null, problem: null, loading: false });
    const reps = () => staff('SALES', 'SUPERVISOR').map((m) => m.userId);
    const form = useForm({
      key: null, // filled from the targets as set: no draft to keep apart from them
      keep: true,
      initial: () => ({ site: blankGoal(), reps: reps().map((userId) => ({ userId, ...blankGoal() })) }),
      rules: {
        site: (v) => goalsProblem([v]),
        reps: (v) => (v.length > 200 ? 'tooMany' : goalsProblem(v)),
      },
      byType: { 'target-invalid': (p) => (/site/.test(p.detail) ? 'site' : 'reps'), 'rep-unknown': 'reps', 'rep-twice': 'reps', 'too-many-reps': 'reps', 'month-invalid': 'site' },
      submit: async (v) => {
        state.targets = await api.put(`/api/reports/sites/${seg(site)}/targets/${seg(state.month)}`, {
          siteTargets: goalBody(v.site),
          reps: v.reps.map((r) => ({ userId: r.userId, ...goalBody(r) })).filter((r) => Object.keys(r).length > 1),
        });
        await loadReport();
        return state.targets;
      },
    });
    const asText = (value) => (value === null || value === undefined ? '' : String(value));
    function fill(targets) {
      const byRep = new Map((targets?.reps || []).map((r) => [r.userId, r]));
      const all = [...new Set([...reps(), ...byRep.keys()])];
      form.values.site = Object.fromEntries(MEASURES.map((m) => [m, asText(targets?.siteTargets?.[m])]));
      form.values.reps = all.map((userId) => ({ userId, ...Object.fromEntries(MEASURES.map((m) => [m, asText(byRep.get(userId)?.[m])])) }));
    }
    async function loadReport() {
      try {
        state.report = await api.get(`/api/reports/sites/${seg(site)}/forms/targets?month=${seg(state.month)}`);
      } catch (error) {
        state.report = null;
        state.problem = error;
      }
    }
    async function load() {
      state.loading = true;
      state.problem = null;
      form.reset();
      try {
        state.targets = await api.get(`/api/reports/sites/${seg(site)}/targets/${seg(state.month)}`);
      } catch (error) {
        state.targets = null;
        if (error.status !== 404) state.problem = error;
      }
      fill(state.targets);
      await loadReport();
      state.loading = false;
    }
    onMounted(load);
    return { state, form, load, can, staffName, dateTime, zone, locale, MEASURES };
  },
  template: `
  <div data-test="targets">
    <a-form layout="inline" @submit="load" class="gap">
      <a-form-item :label="$t('reports.month')"><a-input v-model:value="state.month" type="month" data-test="targets-month" /></a-form-item>
      <a-button html-type="submit" :loading="state.loading">{{ $t('reports.show') }}</a-button>
    </a-form>
    <problem-alert :problem="state.problem" />
    <p class="muted small" data-test="targets-set" :data-set-by="state.targets && state.targets.setBy || ''">
      <template v-if="state.targets && state.targets.setBy">{{ $t('targets.setBy', { by: staffName(state.targets.setBy), at: dateTime(state.targets.setAt, zone(), locale) }) }}</template>
      <template v-else>{{ $t('targets.notSet') }}</template></p>
    <a-form v-if="can.setTargets" layout="vertical" @submit="form.send()" data-test="targets-form">
      <p class="muted small">{{ $t('targets.hint') }}</p>
      <div class="target-row" data-test="target-site">
        <h3 class="subhead">{{ $t('targets.site') }}</h3>
        <div class="field-row">
          <a-form-item v-for="m in MEASURES" :key="m" :label="$t('targets.measures.' + m)">
            <a-input v-model:value="form.values.site[m]" :inputmode="m === 'units' ? 'numeric' : 'decimal'" :maxlength="m === 'units' ? 6 : 16"
              :prefix="m === 'units' ? undefined : '¥'" :data-test="'target-site-' + m" /></a-form-item>
        </div>
      </div>
      <a-form-item :validate-status="form.state.errors.site ? 'error' : ''" :help="form.state.errors.site" />
      <div v-for="r in form.values.reps" :key="r.userId" class="target-row" data-test="target-rep" :data-rep="r.userId">
        <h3 class="subhead">{{ staffName(r.userId) }}</h3>
        <div class="field-row">
          <a-form-item v-for="m in MEASURES" :key="m" :label="$t('targets.measures.' + m)">
            <a-input v-model:value="r[m]" :inputmode="m === 'units' ? 'numeric' : 'decimal'" :maxlength="m === 'units' ? 6 : 16"
              :prefix="m === 'units' ? undefined : '¥'" :data-test="'target-rep-' + m" /></a-form-item>
        </div>
      </div>
      <a-form-item :validate-status="form.state.errors.reps ? 'error' : ''" :help="form.state.errors.reps" />
      <problem-alert :problem="form.state.problem" class="gap" />
      <a-button type="primary" html-type="submit" :loading="form.state.submitting" data-test="targets-save">{{ $t('targets.save') }}</a-button>
      <a-alert v-if="form.state.result" type="success" show-icon class="gap-top" data-test="targets-saved" :message="$t('targets.saved')" />
    </a-form>
    <div v-if="state.report" class="gap-top" data-test="targets-report">
      <h3 class="subhead">{{ $t('reports.forms.targets') }}</h3>
      <report-tables :report="state.report" />
    </div>
  </div>`,
};
