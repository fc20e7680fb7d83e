// 报表 — the policy's forms for a site (R-RPT-1..7): each as its tables with a chart, for a day,
// a week or a month of the site's calendar, downloaded as .xlsx or CSV; the MANAGER's and head
// office's trend of one measure by week or month (ECharts). Each role sees the forms it may read
// (R-SEC-1); the API refuses the others anyway.
import { api, seg, download } from '../api.js';
import { abilities } from '../access.js';
import { store, siteToday } from '../store.js';
import { useAction } from '../forms.js';
import { ReportTables } from '../components/ReportTables.js';
import { Chart } from '../components/Chart.js';

const { ref, reactive, computed, watch, onMounted } = Vue;
const { useI18n } = VueI18n;
const { useRoute, useRouter } = VueRouter;

/** The forms, their paths and which inputs they take. */
const FORMS = [
  { key: 'daily', path: 'forms/daily', input: 'day', who: 'dailyReports' },
  { key: 'analysis', path: 'forms/analysis', input: 'period', who: 'dailyReports' },
  { key: 'sales', path: 'forms/sales', input: 'period', who: 'registers' },
  { key: 'smallDeposits', path: 'registers/small-deposits', input: 'range', who: 'registers' },
  { key: 'bigDeposits', path: 'registers/big-deposits', input: 'range', who: 'registers' },
  { key: 'contracts', path: 'registers/contracts', input: 'range', who: 'registers' },
  { key: 'weeklySales', path: 'forms/weekly-sales', input: 'date', who: 'managerReports' },
  { key: 'weeklyBusiness', path: 'forms/weekly-business', input: 'date', who: 'managerReports' },
  { key: 'targets', path: 'forms/targets', input: 'month', who: 'managerReports' },
  { key: 'bonus', path: 'forms/bonus', input: 'period', who: 'managerReports' },
  { key: 'trends', path: null, input: 'trend', who: 'trends' },
];
const MEASURES = ['subscribedAmount', 'visits', 'bigDeposits', 'contracts', 'collected', 'calls'];
const NUMERIC = ['INTEGER', 'MONEY', 'DECIMAL'];
/** What a form's chart shows first when the table has it. */
const PREFERRED = ['visits', 'subscribedAmount', 'bigDeposits', 'sold', 'amount'];

function firstOfMonth(day) {
  return `${day.slice(0, 7)}-01`;
}

/** A bar chart of a report's first table: its visits (or amount subscribed …, else first numeric column) by its first text column. */
export function barOption(report) {
  const table = report?.tables?.find((tb) => tb.rows.length && tb.columns.some((c) => NUMERIC.includes(c.type)));
  if (!table) return null;
  const label = table.columns.find((c) => c.type === 'TEXT');
  const numeric = table.columns.filter((c) => NUMERIC.includes(c.type));
  const value = PREFERRED.map((key) => numeric.find((c) => c.key === key)).find(Boolean) || numeric[0];
  if (!label || !value) return null;
  return {
    grid: { left: 48, right: 16, top: 32, bottom: 48, containLabel: true },
    title: { text: value.title, textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: table.rows.map((r) => String(r[label.key] ?? '')), axisLabel: { interval: 0, rotate: table.rows.length > 4 ? 30 : 0 } },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', data: table.rows.map((r) => Number(r[value.key]) || 0), itemStyle: { color: '#0b5563' } }],
  };
}

/** A line per site of a trend report (its columns p1…pn are the periods). */
export function trendOption(report) {
  const table = report?.tables?.[0];
  if (!table) return null;
  const periods = table.columns.filter((c) => /^p\d+$/.test(c.key));
  return {
    grid: { left: 48, right: 16, top: 48, bottom: 40, containLabel: true },
    title: { text: table.title, textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' },
    legend: { top: 22, type: 'scroll' },
    xAxis: { type: 'category', data: periods.map((p) => p.title) },
    yAxis: { type: 'value' },
    series: table.rows.map((row) => ({ name: row.name, type: 'line', data: periods.map((p) => Number(row[p.key]) || 0) })),
  };
}

export const ReportsView = {
  name: 'ReportsView',
  components: { ReportTables, EChart: Chart },
  setup() {
    const { t } = useI18n();
    const route = useRoute();
    const router = useRouter();
    const site = store.site;
    const can = computed(() => abilities(store.user, site));
    const forms = computed(() => FORMS.filter((f) => can.value[f.who]));
    const today = siteToday();
    const active = ref(forms.value.some((f) => f.key === route.query.form) ? route.query.form : forms.value[0]?.key);
    const input = reactive({ day: today, period: 'MONTH', date: today, from: firstOfMonth(today), to: today, month: today.slice(0, 7),
      unit: 'MONTH', measure: 'subscribedAmount', page: 1 });
    const state = reactive({ report: null, problem: null, loading: false, download: null });
    const form = computed(() => FORMS.find((f) => f.key === active.value));

    function path(format) {
      const f = form.value;
      const q = new URLSearchParams();
      let base = `/api/reports/sites/${seg(site)}/${f?.path}`;
      if (f.input === 'day') q.set('day', input.day);
      if (f.input === 'period') { q.set('period', input.period); q.set('date', input.date); }
      if (f.input === 'date') q.set('date', input.date);
      if (f.input === 'month') q.set('month', input.month);
      if (f.input === 'range') { q.set('from', input.from); q.set('to', input.to); if (!format) { q.set('page', String(input.page)); q.set('size', '50'); } }
      if (f.input === 'trend') {
        base = '/api/reports/head-office/trends';
        q.set('unit', input.unit); q.set('count', '12'); q.set('measure', input.measure);
      }
      if (format) q.set('format', format);
      return `${base}?${q}`;
    }
    async function load() {
      if (!form.value) return;
      state.loading = true;
      state.problem = null;
      try {
        state.report = await api.get(path());
      } catch (error) {
        state.report = null;
        state.problem = error;
      } finally {
        state.loading = false;
      }
    }
    const choose = (key) => {
      active.value = key;
      input.page = 1;
      state.report = null;
      router.replace({ query: { ...route.query, form: key } });
      load();
    };
    const fetchFile = useAction(async (format) => {
      state.download = await download(path(format), `${active.value}.${format}`);
      return state.download;
    });
    onMounted(load);
    const chart = computed(() => (form.value?.input === 'trend' ? trendOption(state.report) : barOption(state.report)));
    const measureOptions = computed(() => MEASURES.map((m) => ({ value: m, label: t(`reports.measures.${m}`) })));
    const periodOptions = computed(() => ['DAY', 'WEEK', 'MONTH'].map((p) => ({ value: p, label: t(`reports.periods.${p}`) })));
    const pages = computed(() => state.report?.paging ? Math.max(1, Math.ceil(state.report.paging.totalRows / state.report.paging.size)) : 1);
    const turn = (page) => { input.page = page; load(); };
    return { store, forms, active, choose, input, state, load, form, fetchFile, chart, measureOptions, periodOptions, pages, turn };
  },
  template: `
  <div class="screen reports" data-test="reports">
    <div class="screen-head"><h1>{{ $t('reports.title') }} <span class="muted">{{ store.profile.name }}</span></h1></div>
    <section class="panel">
      <a-select :value="active" class="form-select" data-test="report-form" @change="choose"
        :options="forms.map((f) => ({ value: f.key, label: $t('reports.forms.' + f.key) }))" />
      <a-form layout="inline" class="report-inputs gap-top" @submit="load">
        <a-form-item v-if="form && form.input === 'day'" :label="$t('reports.day')">
          <a-input v-model:value="input.day" type="date" data-test="report-day" /></a-form-item>
        <template v-if="form && form.input === 'period'">
          <a-form-item :label="$t('reports.period')"><a-select v-model:value="input.period" :options="periodOptions" class="short-select" /></a-form-item>
          <a-form-item :label="$t('reports.date')"><a-input v-model:value="input.date" type="date" /></a-form-item>
        </template>
        <a-form-item v-if="form && form.input === 'date'" :label="$t('reports.week')"><a-input v-model:value="input.date" type="date" /></a-form-item>
        <a-form-item v-if="form && form.input === 'month'" :label="$t('reports.month')"><a-input v-model:value="input.month" type="month" /></a-form-item>
        <template v-if="form && form.input === 'range'">
          <a-form-item :label="$t('reports.from')"><a-input v-model:value="input.from" type="date" /></a-form-item>
          <a-form-item :label="$t('reports.to')"><a-input v-model:value="input.to" type="date" /></a-form-item>
        </template>
        <template v-if="form && form.input === 'trend'">
          <a-form-item :label="$t('reports.measure')"><a-select v-model:value="input.measure" :options="measureOptions" class="form-select" data-test="trend-measure" /></a-form-item>
          <a-form-item :label="$t('reports.unit')"><a-radio-group v-model:value="input.unit" :options="periodOptions.filter((p) => p.value !== 'DAY')" /></a-form-item>
        </template>
        <a-button type="primary" html-type="submit" :loading="state.loading" data-test="report-show">{{ $t('reports.show') }}</a-button>
      </a-form>
      <div class="gap-top downloads">
        <a-button data-test="download-xlsx" :loading="fetchFile.state.busy" @click="fetchFile.act('xlsx')">{{ $t('reports.xlsx') }}</a-button>
        <a-button data-test="download-csv" :loading="fetchFile.state.busy" @click="fetchFile.act('csv')">CSV</a-button>
        <span v-if="state.download" class="muted small" data-test="downloaded" :data-bytes="state.download.bytes">{{ $t('reports.downloaded', { name: state.download.name }) }}</span>
      </div>
      <problem-alert :problem="fetchFile.state.problem" />
      <problem-alert :problem="state.problem" />
    </section>
    <section v-if="state.report" class="panel gap-top">
      <e-chart v-if="chart" :option="chart" :label="state.report.title" />
      <report-tables :report="state.report" />
      <a-pagination v-if="state.report.paging && pages > 1" :current="input.page" :total="state.report.paging.totalRows"
        :page-size="state.report.paging.size" size="small" @change="turn" class="gap-top" />
    </section>
  </div>`,
};
