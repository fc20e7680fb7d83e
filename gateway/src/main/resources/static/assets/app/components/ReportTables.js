// A report as reporting-service answers it (R-RPT-1..7): its title, period and tables, each
// table with its typed columns (counts, money, percentages, dates) and its total row; wide
// tables scroll inside their panel, so a phone's page never does.
import { money } from '../format.js';

const { computed } = Vue;

/** A cell as its column's type says: money with ¥, a fraction as a percentage, counts as they are. */
export function cell(value, type) {
  if (value === null || value === undefined || value === '') return '—';
  if (type === 'MONEY') return money(value);
  if (type === 'PERCENT') {
    const n = Number(value);
    return Number.isFinite(n) ? `${(n * 100).toFixed(1)}%` : String(value);
  }
  if (type === 'DECIMAL') {
    const n = Number(value);
    return Number.isFinite(n) ? String(Math.round(n * 10000) / 10000) : String(value);
  }
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? Object.values(v).join(' ') : v)).join('；');
  if (typeof value === 'object') return Object.values(value).join(' ');
  return String(value);
}

export const ReportTables = {
  name: 'ReportTables',
  props: { report: { type: Object, required: true } },
  setup(props) {
    const tables = computed(() => (props.report.tables || []).map((table) => ({
      ...table,
      antColumns: table.columns.map((c) => ({
        title: c.title, dataIndex: c.key, key: c.key, align: c.type === 'TEXT' || c.type === 'DATE' ? 'left' : 'right',
        customRender: ({ value }) => cell(value, c.type),
      })),
      data: [...table.rows.map((row, i) => ({ ...row, _key: `r${i}` })),
        ...(table.total && Object.keys(table.total).length ? [{ ...table.total, _key: 'total', _total: true }] : [])],
    })));
    return { tables };
  },
  template: `
  <div class="report" data-test="report" :data-form="report.form">
    <p class="muted small">{{ report.title }} · {{ report.siteName || report.site || '' }} · {{ report.periodLabel }}</p>
    <section v-for="table in tables" :key="table.key" class="report-table" :data-table="table.key">
      <h3 class="subhead">{{ table.title }}</h3>
      <a-table :columns="table.antColumns" :data-source="table.data" row-key="_key" size="small" :pagination="false" bordered
        :scroll="{ x: 'max-content' }" :row-class-name="(r) => r._total ? 'total-row' : ''" data-test="report-table" />
    </section>
    <ul v-if="report.notes && report.notes.length" class="muted small notes"><li v-for="n in report.notes" :key="n">{{ n }}</li></ul>
  </div>`,
};
