// 签约与回款 — after the deposit (issue 13; R-DEAL-5..10, R-FIN-1, 3..5, 7): the site's deals (a rep:
// their own) with each contract's last day and whether it passed; signing the contract with its
// terms (they add up to the price less the deposits, to the fen); the online filing (网签); a
// refund request with the retention talk; the MANAGER's approvals; what is due and overdue, where
// FINANCE records payments (R-SEC-2: nobody else sees the button) and prints reminders; and the
// finance desk's day with its cash report and the day close (日结).
import { api, seg, openPdf, download } from '../api.js';
import { abilities } from '../access.js';
import { store, siteToday, staffName, zone } from '../store.js';
import { useForm, useAction } from '../forms.js';
import { amountProblem, textProblem, fen, yuan, termsProblem } from '../validate.js';
import { money, dateTime } from '../format.js';
import { DealCorrection, DealAfterDeposit } from './deals/Corrections.js';
import { Mortgages } from './deals/Mortgages.js';
import { DayRecords } from './deals/DayRecords.js';

const { ref, reactive, computed, onMounted } = Vue;
const { useI18n } = VueI18n;
const { useRoute, useRouter } = VueRouter;

const METHODS = ['CASH', 'CARD', 'TRANSFER', 'CHEQUE'];
const TERM_KINDS = ['DOWN_PAYMENT', 'INSTALMENT', 'MORTGAGE'];

export const DealsView = {
  name: 'DealsView',
  components: { DealCorrection, DealAfterDeposit, Mortgages, DayRecords },
  setup() {
    const { t, locale } = useI18n();
    const route = useRoute();
    const router = useRouter();
    const site = store.site;
    const base = `/api/deals/sites/${seg(site)}`;
    const fin = `/api/finance/sites/${seg(site)}`;
    const can = computed(() => abilities(store.user, site));
    const today = siteToday();
    const tabs = computed(() => [
      { key: 'deals', show: can.value.deals },
      { key: 'approvals', show: can.value.approvals },
      { key: 'dues', show: can.value.dues },
      { key: 'mortgages', show: can.value.mortgages },
      { key: 'day', show: can.value.deskDay },
    ].filter((tab) => tab.show));
    const active = ref(tabs.value.some((x) => x.key === route.query.tab) ? route.query.tab : tabs.value[0]?.key);
    const state = reactive({ deals: [], approvals: [], dues: [], day: null, problem: null, loading: false, acting: null, overdueOnly: false,
      dayShown: today, done: null, available: [], mortgages: {} });

    async function load() {
      state.loading = true;
      state.problem = null;
      try {
        if (active.value === 'deals') state.deals = await api.get(`${base}/deals${state.overdueOnly ? '?contractOverdue=true' : ''}`) || [];
        // R-FIN-7: each deal's mortgage as the finance desk tracks it, for those who may read it
        if (active.value === 'deals' && can.value.mortgages) {
          state.mortgages = Object.fromEntries((await api.get(`${fin}/mortgages`).catch(() => []) || []).map((m) => [m.dealId, m]));
        }
        if (active.value === 'approvals') state.approvals = await api.get(`${base}/approvals`) || [];
        if (active.value === 'dues') state.dues = await api.get(`${fin}/dues${state.overdueOnly ? '?overdue=true' : ''}`) || [];
        if (active.value === 'day') state.day = await api.get(`${fin}/days/${seg(state.dayShown)}`);
      } catch (error) {
        state.problem = error;
      } finally {
        state.loading = false;
      }
    }
    onMounted(load);
    const choose = (key) => {
      active.value = key;
      state.acting = null;
      router.replace({ query: { ...route.query, tab: key } });
      load();
    };
    const act = (kind, item) => {
      state.acting = { kind, item };
      state.done = null;
      if (kind === 'contract') {
        contract.reset();
        contract.values.terms = [{ kind: 'DOWN_PAYMENT', amount: yuan(fen(item.unit.sale.price) - fen(item.unit.sale.paid || '0')), dueOn: today }];
      }
      if (kind === 'payment') { payment.reset(); payment.values.amount = item.outstanding; }
      if (kind === 'decide') { decision.reset(); }
      if (kind === 'ruling') { ruling.reset(); }
      if (kind === 'unitChange') { unitChange.reset(); loadAvailable(); }
    };
    // R-DEAL-7: the units a deal may move to, from the site's sales-control boards
    async function loadAvailable() {
      const buildings = await api.get(`${base}/buildings`).catch(() => []);
      const boards = await Promise.all((buildings || []).map((b) => api.get(`${base}/buildings/${seg(b.code)}/board`).catch(() => null)));
      state.available = boards.filter(Boolean).flatMap((board) => board.floors.flatMap((floor) => floor.units))
        .filter((unit) => unit.status === 'AVAILABLE').map((unit) => ({ value: unit.id, label: `${unit.label} · ${unit.area}㎡ · ${money(unit.listPrice)}` }));
    }
    const finished = (what) => { state.done = what; state.acting = null; load(); return what; };

    // R-DEAL-6: the contract and its terms
    const contract = useForm({
      key: null,
      initial: () => ({ terms: [] }),
      rules: { terms: (v) => termsProblem(v, state.acting?.item?.unit?.sale?.price, state.acting?.item?.unit?.sale?.paid) },
      byType: { 'terms-invalid': 'terms', 'terms-sum': 'terms', 'contract-terms-invalid': 'terms' },
      submit: async (v, requestId) => finished(await api.post(`${base}/units/${seg(state.acting.item.unit.id)}/contract`, {
        terms: v.terms.map((x) => ({ kind: x.kind, amount: String(x.amount).trim(), currency: 'CNY', dueOn: x.dueOn })), requestId,
      })),
    });
    const addTerm = () => contract.values.terms.push({ kind: 'INSTALMENT', amount: '', dueOn: today });
    const dropTerm = (i) => contract.values.terms.splice(i, 1);
    // the online filing (网签)
    const filing = useForm({
      key: null,
      initial: () => ({ status: 'SUBMITTED', filingNo: '' }),
      rules: { filingNo: (v, f) => (f.status === 'FILED' ? textProblem(v, { required: true, max: 64 }) : null) },
      submit: async (v) => finished(await api.put(`${base}/units/${seg(state.acting.item.unit.id)}/contract/filing`,
        { status: v.status, filingNo: v.filingNo.trim() || null })),
    });
    // R-DEAL-10: a refund before the contract, with the retention talk, for the MANAGER
    const refund = useForm({
      key: null,
      initial: () => ({ retentionTalk: '', reason: '' }),
      rules: { retentionTalk: (v) => textProblem(v, { required: true, max: 1000 }), reason: (v) => textProblem(v, { required: true, max: 200 }) },
      byType: { 'refund-after-contract': 'reason', 'retention-talk-missing': 'retentionTalk' },
      submit: async (v, requestId) => finished(await api.post(`${base}/units/${seg(state.acting.item.unit.id)}/refund-request`,
        { retentionTalk: v.retentionTalk.trim(), reason: v.reason.trim(), requestId })),
    });
    // the MANAGER's decision on a unit change or a refund (R-DEAL-7, R-DEAL-10)
    const decision = useForm({
      key: null,
      initial: () => ({ decision: 'APPROVE', reason: '', refundAmount: '' }),
      rules: {
        reason: (v) => textProblem(v, { required: true, max: 200 }),
        refundAmount: (v, f) => (f.decision === 'APPROVE' && state.acting?.item?.unit?.sale?.approval?.kind === 'REFUND'
          ? (/^\d+(\.\d{1,2})?$/.test(String(v).trim()) ? (fen(v) > fen(state.acting.item.unit.sale.paid || '0') ? ['amountOverMax', { max: state.acting.item.unit.sale.paid }] : null) : 'amount')
          : null),
      },
      byType: { 'refund-amount-invalid': 'refundAmount', 'refund-too-large': 'refundAmount' },
      submit: async (v) => {
        const item = state.acting.item;
        const body = { decision: v.decision, reason: v.reason.trim() };
        if (item.unit.sale.approval.kind === 'REFUND' && v.decision === 'APPROVE') Object.assign(body, { refundAmount: String(v.refundAmount).trim(), currency: 'CNY' });
        return finished(await api.post(`${base}/units/${seg(item.unit.id)}/approvals/${seg(item.unit.sale.approval.approvalId)}`, body));
      },
    });
    // R-DEAL-7: a unit change — larger, lower grade or dearer goes through; otherwise a MANAGER's reason, or sent for approval
    const unitChange = useForm({
      key: null,
      initial: () => ({ toUnitId: null, reason: '', requestApproval: false }),
      rules: {
        toUnitId: (v) => (v ? null : 'required'),
        reason: (v, f) => textProblem(v, { required: f.requestApproval || can.value.approvals, max: 200 }),
      },
      byType: { 'unit-change-needs-approval': 'requestApproval', 'unit-not-available': 'toUnitId', 'unit-unknown': 'toUnitId' },
      submit: async (v, requestId) => finished(await api.post(`${base}/units/${seg(state.acting.item.unit.id)}/unit-change`, {
        toUnitId: v.toUnitId, reason: v.reason.trim() || null, requestApproval: v.requestApproval || null, requestId,
      })),
    });
    // R-DEAL-9: the MANAGER rules an open breach case: a penalty due at finance, or cancellation with what is paid back
    const ruling = useForm({
      key: null,
      initial: () => ({ ruling: 'PENALTY', amount: '', reason: '' }),
      rules: {
        amount: (v, f) => (f.ruling === 'PENALTY' ? amountProblem(v) : (/^\d+(\.\d{1,2})?$/.test(String(v).trim()) ? null : 'amount')),
        reason: (v) => textProblem(v, { required: true, max: 200 }),
      },
      byType: { 'penalty-invalid': 'amount', 'refund-amount-invalid': 'amount', 'refund-too-large': 'amount' },
      submit: async (v) => finished(await api.post(`${base}/units/${seg(state.acting.item.unit.id)}/breach/ruling`, {
        ruling: v.ruling, reason: v.reason.trim(), currency: 'CNY',
        ...(v.ruling === 'PENALTY' ? { penalty: String(v.amount).trim() } : { refundAmount: String(v.amount).trim() }),
      })),
    });
    // R-FIN-3: FINANCE records a payment against what is due
    const payment = useForm({
      key: null,
      initial: () => ({ amount: '', method: 'TRANSFER', reference: '' }),
      rules: {
        amount: (v) => amountProblem(v, { max: state.acting?.item?.outstanding }),
        reference: (v, f) => (f.method !== 'CASH' ? textProblem(v, { required: true, max: 64 }) : textProblem(v, { max: 64 })),
      },
      byType: { 'amount-invalid': 'amount', 'payment-exceeds-outstanding': 'amount', 'day-closed': 'amount' },
      submit: async (v, requestId) => finished(await api.post(`${fin}/dues/${seg(state.acting.item.dueId)}/payments`, {
        amount: String(v.amount).trim(), currency: 'CNY', method: v.method, reference: v.reference.trim() || null, requestId,
      })),
    });
    const reminder = useAction((due) => openPdf(`${fin}/dues/${seg(due.dueId)}/reminder.pdf`, `催款通知单-${due.unitLabel}.pdf`));
    // R-FIN-7: the day close (日结)
    const close = useAction(async () => {
      state.day = await api.post(`${fin}/days/${seg(state.dayShown)}/close`);
      return state.day;
    });
    const report = useAction((kind) => (kind === 'pdf'
      ? openPdf(`${fin}/days/${seg(state.dayShown)}/cash-report.pdf`, `现金日报-${state.dayShown}.pdf`)
      : download(`${fin}/days/${seg(state.dayShown)}/cash-report.xlsx`, `现金日报-${state.dayShown}.xlsx`)));
    const methodOptions = computed(() => METHODS.map((m) => ({ value: m, label: t('finance.method.' + m) })));
    const kindOptions = computed(() => TERM_KINDS.map((k) => ({ value: k, label: t(`deals.termKinds.${k}`) })));
    const filingOptions = computed(() => ['SUBMITTED', 'FILED', 'REJECTED'].map((k) => ({ value: k, label: t(`deals.filing.${k}`) })));
    return {
      t, locale, store, can, tabs, active, choose, state, load, act, contract, addTerm, dropTerm, filing, refund, decision, payment, reminder, unitChange, ruling,
      close, report, methodOptions, kindOptions, filingOptions, money, dateTime, zone, staffName, today, finished,
    };
  },
  template: `
  <div class="screen deals" data-test="deals">
    <div class="screen-head"><h1>{{ $t('deals.title') }} <span class="muted">{{ store.profile.name }}</span></h1>
      <div class="head-actions"><a-button @click="load" :loading="state.loading" data-test="refresh">{{ $t('app.refresh') }}</a-button></div></div>
    <section class="panel">
      <a-tabs :active-key="active" @change="choose" data-test="deal-tabs">
        <a-tab-pane v-for="tab in tabs" :key="tab.key" :tab="$t('deals.tabs.' + tab.key)" />
      </a-tabs>
      <problem-alert :problem="state.problem" />
      <a-alert v-if="state.done" type="success" show-icon class="gap" data-test="deal-done" :message="$t('deals.done')" />
      <a-alert v-if="state.done && state.done.state === 'FEE_DUE'" type="info" show-icon class="gap" data-test="name-change-fee-due"
        :message="$t('after.feeDueDone', { fee: money(state.done.fee) })" />

      <template v-if="active === 'deals'">
        <a-checkbox v-model:checked="state.overdueOnly" @change="load" data-test="overdue-only">{{ $t('deals.overdueOnly') }}</a-checkbox>
        <a-empty v-if="!state.deals.length && !state.loading" :description="$t('deals.none')" />
        <div class="cards gap-top" data-test="deal-list">
          <a-card v-for="d in state.deals" :key="d.unit.id" size="small" data-test="deal" :data-unit="d.unit.label" :data-status="d.unit.status">
            <template #title>{{ d.unit.label }} <unit-status-tag :status="d.unit.status" /></template>
            <template #extra><a-tag v-if="d.contractOverdue" color="red" data-test="contract-overdue">{{ $t('deals.contractOverdue') }}</a-tag></template>
            <dl class="kv">
              <dt>{{ $t('deals.customer') }}</dt><dd>{{ d.unit.sale.customerName }}</dd>
              <dt>{{ $t('deals.rep') }}</dt><dd>{{ d.unit.sale.repName || staffName(d.unit.sale.repUserId) }}</dd>
              <dt>{{ $t('deals.price') }}</dt><dd data-test="deal-price">{{ money(d.unit.sale.price) }}</dd>
              <dt>{{ $t('deals.paid') }}</dt><dd data-test="deal-paid">{{ money(d.unit.sale.paidInAll || d.unit.sale.paid) }}</dd>
              <template v-if="d.unit.sale.contract">
                <dt>{{ $t('deals.contract') }}</dt><dd data-test="deal-contract">{{ $t('deals.signedOn', { day: d.unit.sale.contract.signedOn }) }}
                  <a-tag v-if="d.unit.sale.contract.late" color="orange">{{ $t('deals.late') }}</a-tag></dd>
                <dt>{{ $t('deals.filingStatus') }}</dt><dd>{{ d.unit.sale.contract.filingStatusName || '—' }} {{ d.unit.sale.contract.filingNo || '' }}</dd>
                <dt>{{ $t('deals.terms') }}</dt><dd><span v-for="x in d.unit.sale.contract.terms" :key="x.no" class="term">{{ x.kindName }} {{ money(x.amount) }}（{{ x.dueOn }}）</span></dd>
              </template>
              <template v-else>
                <dt>{{ $t('deals.contractDue') }}</dt><dd data-test="contract-due">{{ d.contractDueOn || '—' }}</dd>
              </template>
              <template v-if="d.unit.sale.approval">
                <dt>{{ $t('deals.waiting') }}</dt><dd data-test="awaiting-approval">{{ $t('deals.approvalKinds.' + d.unit.sale.approval.kind) }}</dd>
              </template>
            </dl>
            <deal-after-deposit :unit="d.unit" :mortgage="state.mortgages[d.unit.sale.dealId] || null" />
            <div class="actions gap-top">
              <a-button v-if="can.signContract(d.unit)" size="small" type="primary" data-test="sign-contract" @click="act('contract', d)">{{ $t('deals.signContract') }}</a-button>
              <a-button v-if="can.filing && d.unit.sale.contract" size="small" data-test="contract-filing" @click="act('filing', d)">{{ $t('deals.filingAction') }}</a-button>
              <a-button v-if="can.requestRefund(d.unit) && !d.unit.sale.approval" size="small" danger data-test="request-refund" @click="act('refund', d)">{{ $t('deals.requestRefund') }}</a-button>
              <a-button v-if="can.changeUnit(d.unit) && !d.unit.sale.approval" size="small" data-test="change-unit" @click="act('unitChange', d)">{{ $t('deals.forms.unitChange') }}</a-button>
              <a-button v-if="can.changeName(d.unit) && !d.unit.sale.approval" size="small" data-test="change-name" @click="act('nameChange', d)">{{ $t('deals.forms.nameChange') }}</a-button>
              <a-button v-if="can.voidAgreement(d.unit) && !d.unit.sale.approval" size="small" danger data-test="void-agreement" @click="act('voidAgreement', d)">{{ $t('deals.forms.voidAgreement') }}</a-button>
              <a-button v-if="can.keepCopies(d.unit)" size="small" data-test="keep-copies" @click="act('keeper', d)">{{ $t('deals.forms.keeper') }}</a-button>
            </div>
          </a-card>
        </div>
      </template>

      <template v-if="active === 'approvals'">
        <a-empty v-if="!state.approvals.length && !state.loading" :description="$t('deals.noApprovals')" data-test="no-approvals" />
        <a-list v-else :data-source="state.approvals" data-test="approvals">
          <template #renderItem="{ item }">
            <a-list-item data-test="approval" :data-unit="item.unit.label">
              <a-list-item-meta>
                <template #title>{{ item.unit.label }} · {{ item.unit.sale.customerName }} ·
                  <template v-if="item.unit.sale.approval">{{ $t('deals.approvalKinds.' + item.unit.sale.approval.kind) }}</template>
                  <template v-else>{{ $t('deals.breach') }}</template></template>
                <template #description>
                  <template v-if="item.unit.sale.approval">
                    {{ item.unit.sale.approval.toUnitLabel ? $t('deals.toUnit', { unit: item.unit.sale.approval.toUnitLabel }) + ' · ' : '' }}
                    {{ item.unit.sale.approval.reason }} {{ item.unit.sale.approval.retentionTalk ? '· ' + $t('deals.retention') + '：' + item.unit.sale.approval.retentionTalk : '' }}
                    · {{ $t('deals.paid') }} {{ money(item.unit.sale.paid) }} · {{ staffName(item.unit.sale.approval.requestedBy) }}
                  </template>
                  <template v-else>{{ $t('deals.breachHint') }}</template>
                </template>
              </a-list-item-meta>
              <a-button v-if="item.unit.sale.approval" size="small" type="primary" data-test="decide" @click="act('decide', item)">{{ $t('deals.decide') }}</a-button>
              <a-button v-else size="small" type="primary" danger data-test="rule-breach" @click="act('ruling', item)">{{ $t('deals.forms.ruling') }}</a-button>
            </a-list-item>
          </template>
        </a-list>
      </template>

      <template v-if="active === 'dues'">
        <a-checkbox v-model:checked="state.overdueOnly" @change="load" data-test="dues-overdue-only">{{ $t('deals.overdueOnly') }}</a-checkbox>
        <a-empty v-if="!state.dues.length && !state.loading" :description="$t('deals.noDues')" />
        <a-list v-else :data-source="state.dues" size="small" data-test="dues" class="gap-top">
          <template #renderItem="{ item }">
            <a-list-item data-test="due" :data-due-id="item.dueId" :data-unit="item.unitLabel" :data-outstanding="item.outstanding">
              <a-list-item-meta>
                <template #title>{{ item.unitLabel }} · {{ item.kindName }}{{ item.termNo ? ' ' + item.termNo : '' }} · {{ item.payerName }}
                  <a-tag v-if="item.overdue" color="red">{{ $t('deals.overdueDays', { n: item.daysOverdue }) }}</a-tag></template>
                <template #description>{{ $t('deals.dueLine', { due: item.dueOn, amount: money(item.amount), paid: money(item.paid) }) }}
                  · <strong data-test="outstanding">{{ $t('deals.outstanding', { amount: money(item.outstanding) }) }}</strong>（{{ item.outstandingInWords }}）</template>
              </a-list-item-meta>
              <div class="actions">
                <a-button size="small" :loading="reminder.state.busy" data-test="reminder" @click="reminder.act(item)">{{ $t('deals.reminder') }}</a-button>
                <a-button v-if="can.recordPayment && item.outstanding !== '0.00'" size="small" type="primary" data-test="record-payment" @click="act('payment', item)">{{ $t('deals.recordPayment') }}</a-button>
              </div>
            </a-list-item>
          </template>
        </a-list>
        <problem-alert :problem="reminder.state.problem" />
      </template>

      <template v-if="active === 'day'">
        <a-form layout="inline" @submit="load" class="gap">
          <a-form-item :label="$t('deals.day')"><a-input v-model:value="state.dayShown" type="date" data-test="day-shown" /></a-form-item>
          <a-button html-type="submit">{{ $t('reports.show') }}</a-button>
        </a-form>
        <template v-if="state.day">
          <p data-test="day-status" :data-status="state.day.status">
            <a-tag :color="state.day.status === 'CLOSED' ? 'purple' : 'green'">{{ $t('deals.dayStatus.' + state.day.status) }}</a-tag>
            <span v-if="state.day.closedBy" class="small muted">{{ staffName(state.day.closedBy) }} · {{ dateTime(state.day.closedAt, zone(), locale) }}</span>
            <a-tag v-if="state.day.status === 'CLOSED'" :color="state.day.reconciled ? 'green' : 'red'">{{ state.day.reconciled ? $t('deals.reconciled') : $t('deals.notReconciled') }}</a-tag>
          </p>
          <dl class="kv">
            <dt>{{ $t('deals.received') }}</dt><dd data-test="day-received">{{ money(state.day.received) }}（{{ state.day.receiptCount }}）</dd>
            <dt>{{ $t('deals.paidOut') }}</dt><dd data-test="day-paid-out">{{ money(state.day.paidOut) }}（{{ state.day.voucherCount }}）</dd>
            <dt>{{ $t('deals.net') }}</dt><dd data-test="day-net">{{ money(state.day.net) }}</dd>
          </dl>
          <a-table :data-source="state.day.byMethod" row-key="method" size="small" :pagination="false" :scroll="{ x: 'max-content' }" class="gap-top"
            :columns="[{ title: $t('field.method'), dataIndex: 'methodName' }, { title: $t('deals.received'), dataIndex: 'received', align: 'right', customRender: ({ value }) => money(value) },
              { title: $t('deals.paidOut'), dataIndex: 'paidOut', align: 'right', customRender: ({ value }) => money(value) }, { title: $t('deals.net'), dataIndex: 'net', align: 'right', customRender: ({ value }) => money(value) }]" />
          <div class="actions gap-top">
            <a-button data-test="cash-report-pdf" :loading="report.state.busy" @click="report.act('pdf')">PDF</a-button>
            <a-button data-test="cash-report-xlsx" :loading="report.state.busy" @click="report.act('xlsx')">Excel (.xlsx)</a-button>
            <a-popconfirm v-if="can.closeDay && state.day.status !== 'CLOSED'" :title="$t('deals.closeConfirm')" @confirm="close.act()">
              <a-button type="primary" danger :loading="close.state.busy" data-test="close-day">{{ $t('deals.closeDay') }}</a-button>
            </a-popconfirm>
          </div>
          <problem-alert :problem="report.state.problem" />
          <problem-alert :problem="close.state.problem" />
          <day-records :day="state.day" @changed="load" />
        </template>
      </template>

      <mortgages v-if="active === 'mortgages'" />
    </section>

    <section v-if="state.acting" class="panel gap-top" data-test="deal-form" :data-kind="state.acting.kind">
      <h2>{{ $t('deals.forms.' + state.acting.kind) }} · {{ state.acting.item.unit ? state.acting.item.unit.label : state.acting.item.unitLabel }}</h2>
      <a-form v-if="state.acting.kind === 'contract'" layout="vertical" @submit="contract.send()">
        <p class="muted small">{{ $t('deals.contractHint', { price: money(state.acting.item.unit.sale.price), paid: money(state.acting.item.unit.sale.paid) }) }}</p>
        <div v-for="(term, i) in contract.values.terms" :key="i" class="term-row" data-test="term">
          <a-select v-model:value="term.kind" :options="kindOptions" class="short-select" />
          <a-input v-model:value="term.amount" prefix="¥" inputmode="decimal" :maxlength="16" data-test="term-amount" />
          <a-input v-model:value="term.dueOn" type="date" data-test="term-due" />
          <a-button size="small" @click="dropTerm(i)" :disabled="contract.values.terms.length < 2">−</a-button>
        </div>
        <a-form-item :validate-status="contract.state.errors.terms ? 'error' : ''" :help="contract.state.errors.terms">
          <a-button size="small" @click="addTerm" data-test="add-term">{{ $t('deals.addTerm') }}</a-button>
        </a-form-item>
        <problem-alert :problem="contract.state.problem" class="gap" />
        <a-button type="primary" html-type="submit" :loading="contract.state.submitting" data-test="contract-submit">{{ $t('deals.signContract') }}</a-button>
      </a-form>
      <a-form v-if="state.acting.kind === 'filing'" layout="vertical" @submit="filing.send()">
        <a-form-item :label="$t('deals.filingStatus')"><a-radio-group v-model:value="filing.values.status" :options="filingOptions" /></a-form-item>
        <a-form-item :label="$t('deals.filingNo')" :validate-status="filing.state.errors.filingNo ? 'error' : ''" :help="filing.state.errors.filingNo">
          <a-input v-model:value="filing.values.filingNo" :maxlength="64" /></a-form-item>
        <problem-alert :problem="filing.state.problem" class="gap" />
        <a-button type="primary" html-type="submit" :loading="filing.state.submitting">{{ $t('app.save') }}</a-button>
      </a-form>
      <a-form v-if="state.acting.kind === 'refund'" layout="vertical" @submit="refund.send()" data-test="refund-form">
        <a-form-item :label="$t('deals.retention')" :validate-status="refund.state.errors.retentionTalk ? 'error' : ''" :help="refund.state.errors.retentionTalk || $t('deals.retentionHint')">
          <a-textarea v-model:value="refund.values.retentionTalk" :rows="3" :maxlength="1000" data-test="retention-talk" /></a-form-item>
        <a-form-item :label="$t('field.reason')" :validate-status="refund.state.errors.reason ? 'error' : ''" :help="refund.state.errors.reason">
          <a-input v-model:value="refund.values.reason" :maxlength="200" data-test="refund-reason" /></a-form-item>
        <problem-alert :problem="refund.state.problem" class="gap" />
        <a-button type="primary" danger html-type="submit" :loading="refund.state.submitting" data-test="refund-submit">{{ $t('deals.requestRefund') }}</a-button>
      </a-form>
      <a-form v-if="state.acting.kind === 'decide'" layout="vertical" @submit="decision.send()" data-test="decision-form">
        <a-form-item><a-radio-group v-model:value="decision.values.decision" data-test="decision">
          <a-radio value="APPROVE">{{ $t('deals.approve') }}</a-radio><a-radio value="DECLINE">{{ $t('deals.decline') }}</a-radio></a-radio-group></a-form-item>
        <a-form-item v-if="state.acting.item.unit.sale.approval.kind === 'REFUND' && decision.values.decision === 'APPROVE'" :label="$t('deals.refundAmount')"
          :validate-status="decision.state.errors.refundAmount ? 'error' : ''" :help="decision.state.errors.refundAmount || $t('deals.refundAmountHint', { paid: money(state.acting.item.unit.sale.paid) })">
          <a-input v-model:value="decision.values.refundAmount" prefix="¥" inputmode="decimal" :maxlength="16" data-test="refund-amount" /></a-form-item>
        <a-form-item :label="$t('field.reason')" :validate-status="decision.state.errors.reason ? 'error' : ''" :help="decision.state.errors.reason">
          <a-input v-model:value="decision.values.reason" :maxlength="200" data-test="decision-reason" /></a-form-item>
        <problem-alert :problem="decision.state.problem" class="gap" />
        <a-button type="primary" html-type="submit" :loading="decision.state.submitting" data-test="decision-submit">{{ $t('app.confirm') }}</a-button>
      </a-form>
      <a-form v-if="state.acting.kind === 'payment'" layout="vertical" @submit="payment.send()" data-test="payment-form">
        <p class="muted small">{{ $t('deals.outstanding', { amount: money(state.acting.item.outstanding) }) }}（{{ state.acting.item.outstandingInWords }}）</p>
        <a-form-item :label="$t('field.amount')" :validate-status="payment.state.errors.amount ? 'error' : ''" :help="payment.state.errors.amount">
          <a-input v-model:value="payment.values.amount" prefix="¥" inputmode="decimal" :maxlength="16" data-test="payment-amount" /></a-form-item>
        <a-form-item :label="$t('field.method')"><a-radio-group v-model:value="payment.values.method" :options="methodOptions" data-test="payment-method" /></a-form-item>
        <a-form-item :label="$t('field.reference')" :validate-status="payment.state.errors.reference ? 'error' : ''" :help="payment.state.errors.reference">
          <a-input v-model:value="payment.values.reference" :maxlength="64" data-test="payment-reference" /></a-form-item>
        <problem-alert :problem="payment.state.problem" class="gap" />
        <a-button type="primary" html-type="submit" :loading="payment.state.submitting" data-test="payment-submit">{{ $t('deals.recordPayment') }}</a-button>
      </a-form>
      <a-form v-if="state.acting.kind === 'unitChange'" layout="vertical" @submit="unitChange.send()" data-test="unit-change-form">
        <p class="muted small">{{ $t('deals.unitChangeHint') }}</p>
        <a-form-item :label="$t('deals.toUnitLabel')" :validate-status="unitChange.state.errors.toUnitId ? 'error' : ''" :help="unitChange.state.errors.toUnitId">
          <a-select v-model:value="unitChange.values.toUnitId" :options="state.available" show-search option-filter-prop="label" data-test="to-unit" /></a-form-item>
        <a-form-item :validate-status="unitChange.state.errors.requestApproval ? 'error' : ''" :help="unitChange.state.errors.requestApproval">
          <a-checkbox v-if="!can.approvals" v-model:checked="unitChange.values.requestApproval">{{ $t('deals.requestApproval') }}</a-checkbox></a-form-item>
        <a-form-item :label="$t('field.reason')" :validate-status="unitChange.state.errors.reason ? 'error' : ''" :help="unitChange.state.errors.reason">
          <a-input v-model:value="unitChange.values.reason" :maxlength="200" /></a-form-item>
        <problem-alert :problem="unitChange.state.problem" class="gap" />
        <a-button type="primary" html-type="submit" :loading="unitChange.state.submitting">{{ $t('deals.forms.unitChange') }}</a-button>
      </a-form>
      <a-form v-if="state.acting.kind === 'ruling'" layout="vertical" @submit="ruling.send()" data-test="ruling-form">
        <a-form-item><a-radio-group v-model:value="ruling.values.ruling">
          <a-radio value="PENALTY">{{ $t('deals.penalty') }}</a-radio><a-radio value="CANCELLATION">{{ $t('deals.cancellation') }}</a-radio></a-radio-group></a-form-item>
        <a-form-item :label="ruling.values.ruling === 'PENALTY' ? $t('deals.penalty') : $t('deals.refundAmount')"
          :validate-status="ruling.state.errors.amount ? 'error' : ''" :help="ruling.state.errors.amount">
          <a-input v-model:value="ruling.values.amount" prefix="¥" inputmode="decimal" :maxlength="16" /></a-form-item>
        <a-form-item :label="$t('field.reason')" :validate-status="ruling.state.errors.reason ? 'error' : ''" :help="ruling.state.errors.reason">
          <a-input v-model:value="ruling.values.reason" :maxlength="200" /></a-form-item>
        <problem-alert :problem="ruling.state.problem" class="gap" />
        <a-button type="primary" danger html-type="submit" :loading="ruling.state.submitting">{{ $t('deals.forms.ruling') }}</a-button>
      </a-form>
      <deal-correction v-if="['voidAgreement', 'nameChange', 'keeper'].includes(state.acting.kind)" :key="state.acting.kind + state.acting.item.unit.id"
        :kind="state.acting.kind" :item="state.acting.item" @done="finished" />
      <a-button class="gap-top" @click="state.acting = null">{{ $t('app.cancel') }}</a-button>
    </section>
  </div>`,
};
