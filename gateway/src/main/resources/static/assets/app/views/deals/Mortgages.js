// 按揭 — the site's mortgages (R-FIN-7): each contract's loan, its bank, its progress — applied, approved
// (with the amount the bank approved, at most the loan), rejected — and the loan paid out, which FINANCE
// records as a payment of the mortgage's amount due (a receipt, like any payment: R-SEC-2). FINANCE acts;
// the MANAGER reads. Every step's problem detail is shown next to the form.
import { api, seg } from '../../api.js';
import { abilities } from '../../access.js';
import { store, zone, staffName } from '../../store.js';
import { useForm } from '../../forms.js';
import { amountProblem, textProblem, fen } from '../../validate.js';
import { money, dateTime } from '../../format.js';

const { reactive, computed, onMounted } = Vue;
const { useI18n } = VueI18n;

const METHODS = ['TRANSFER', 'CHEQUE', 'CARD', 'CASH'];

/** An amount (as the API reads it) of at most {@code max}, compared to the fen; the limit named in the message. */
function atMost(value, max) {
  const wrong = amountProblem(value);
  if (wrong) return wrong;
  return max && fen(String(value).trim().replace(/,/g, '')) > fen(max) ? ['amountOverMax', { max }] : null;
}

export const Mortgages = {
  name: 'Mortgages',
  setup() {
    const { t, locale } = useI18n();
    const site = store.site;
    const fin = `/api/finance/sites/${seg(site)}`;
    const can = computed(() => abilities(store.user, site));
    const state = reactive({ list: [], loading: false, problem: null, acting: null, due: null, done: null });

    async function load() {
      state.loading = true;
      state.problem = null;
      try {
        state.list = await api.get(`${fin}/mortgages`) || [];
      } catch (error) {
        state.problem = error;
      } finally {
        state.loading = false;
      }
    }
    onMounted(load);
    const finished = (answer) => { state.done = state.acting.kind; state.acting = null; load(); return answer; };

    // APPLIED (with the bank), APPROVED (with the amount), REJECTED
    const step = useForm({
      key: null,
      initial: () => ({ stage: 'APPLIED', bank: '', amount: '', note: '' }),
      rules: {
        bank: (v, f) => textProblem(v, { required: f.stage === 'APPLIED', max: 50 }),
        amount: (v, f) => (f.stage === 'APPROVED' ? atMost(v, state.acting?.item?.loan) : null),
        note: (v) => textProblem(v, { max: 200 }),
      },
      byType: { 'bank-required': 'bank', 'approved-amount-invalid': 'amount', 'amount-invalid': 'amount' },
      submit: async (v) => finished(await api.post(`${fin}/mortgages/${seg(state.acting.item.dealId)}/progress`, {
        stage: v.stage, bank: v.bank.trim() || null, note: v.note.trim() || null,
        ...(v.stage === 'APPROVED' ? { amount: String(v.amount).trim(), currency: 'CNY' } : {}),
      })),
    });
    // the loan paid out: a payment of the mortgage's amount due (R-FIN-3, R-FIN-7); requestId: a retry is the same receipt
    const loan = useForm({
      key: null,
      initial: () => ({ amount: '', method: 'TRANSFER', reference: '' }),
      rules: {
        amount: (v) => atMost(v, state.due?.outstanding),
        reference: (v, f) => textProblem(v, { required: f.method !== 'CASH', max: 64 }),
      },
      byType: { 'amount-invalid': 'amount', 'payment-exceeds-outstanding': 'amount', 'day-closed': 'amount', 'payment-reference-required': 'reference' },
      submit: async (v, requestId) => finished(await api.post(`${fin}/dues/${seg(state.acting.item.dueId)}/payments`, {
        amount: String(v.amount).trim().replace(/,/g, ''), currency: 'CNY', method: v.method, reference: v.reference.trim() || null, requestId,
      })),
    });
    async function act(kind, item) {
      state.done = null;
      state.acting = { kind, item };
      if (kind === 'step') {
        step.reset();
        step.values.stage = item.stage === 'APPLIED' ? 'APPROVED' : 'APPLIED';
        step.values.bank = item.bank || '';
        step.values.amount = item.loan;
      }
      if (kind === 'loan') {
        loan.reset();
        state.due = null;
        try {
          state.due = await api.get(`${fin}/dues/${seg(item.dueId)}`);
          loan.values.amount = item.approved && Number(item.approved) < Number(state.due.outstanding) ? item.approved : state.due.outstanding;
        } catch (error) {
          loan.state.problem = error;
        }
      }
    }
    const stageOptions = computed(() => (state.acting?.item?.stage === 'APPLIED' ? ['APPROVED', 'REJECTED'] : ['APPLIED'])
      .map((s) => ({ value: s, label: t('after.stages.' + s) })));
    const methodOptions = computed(() => METHODS.map((m) => ({ value: m, label: t('finance.method.' + m) })));
    return { t, locale, can, state, load, act, step, loan, stageOptions, methodOptions, money, dateTime, zone, staffName };
  },
  template: `
  <div data-test="mortgages">
    <p class="muted small">{{ $t('after.mortgagesHint') }}</p>
    <problem-alert :problem="state.problem" />
    <a-alert v-if="state.done" type="success" show-icon class="gap" data-test="mortgage-done" :message="$t('deals.done')" />
    <a-empty v-if="!state.list.length && !state.loading" :description="$t('after.noMortgages')" />
    <div class="cards gap-top">
      <a-card v-for="m in state.list" :key="m.dealId" size="small" data-test="mortgage" :data-deal="m.dealId" :data-unit="m.unitLabel" :data-stage="m.stage">
        <template #title>{{ m.unitLabel }} · {{ m.buyerName }}</template>
        <template #extra><a-tag :color="m.stage === 'LOAN_PAID' ? 'green' : m.stage === 'REJECTED' ? 'red' : 'blue'">{{ $t('after.stages.' + m.stage) }}</a-tag></template>
        <dl class="kv">
          <dt>{{ $t('after.loan') }}</dt><dd>{{ money(m.loan) }}</dd>
          <dt>{{ $t('after.bank') }}</dt><dd>{{ m.bank || '—' }}</dd>
          <dt>{{ $t('after.approvedAmount') }}</dt><dd>{{ m.approved ? money(m.approved) : '—' }}</dd>
        </dl>
        <ol class="small muted gap-top" v-if="m.history.length">
          <li v-for="(h, i) in m.history" :key="i">{{ $t('after.stages.' + h.stage) }} · {{ h.bank || '' }} {{ h.amount ? money(h.amount) : '' }} {{ h.note || '' }} · {{ staffName(h.by) }} {{ dateTime(h.at, zone(), locale) }}</li>
        </ol>
        <div class="actions gap-top" v-if="can.progressMortgage && m.stage !== 'LOAN_PAID'">
          <a-button size="small" data-test="mortgage-step" @click="act('step', m)">{{ $t('after.recordStep') }}</a-button>
          <a-button size="small" type="primary" data-test="mortgage-loan" @click="act('loan', m)">{{ $t('after.recordLoan') }}</a-button>
        </div>
      </a-card>
    </div>

    <section v-if="state.acting" class="panel gap-top" data-test="mortgage-form" :data-kind="state.acting.kind">
      <h2>{{ state.acting.kind === 'step' ? $t('after.recordStep') : $t('after.recordLoan') }} · {{ state.acting.item.unitLabel }}</h2>
      <a-form v-if="state.acting.kind === 'step'" layout="vertical" @submit="step.send()">
        <a-form-item><a-radio-group v-model:value="step.values.stage" :options="stageOptions" data-test="mortgage-stage" /></a-form-item>
        <a-form-item :label="$t('after.bank')" :required="step.values.stage === 'APPLIED'" :validate-status="step.state.errors.bank ? 'error' : ''" :help="step.state.errors.bank">
          <a-input v-model:value="step.values.bank" :maxlength="50" data-test="mortgage-bank" /></a-form-item>
        <a-form-item v-if="step.values.stage === 'APPROVED'" :label="$t('after.approvedAmount')" required
          :validate-status="step.state.errors.amount ? 'error' : ''" :help="step.state.errors.amount || $t('after.approvedHint', { loan: money(state.acting.item.loan) })">
          <a-input v-model:value="step.values.amount" prefix="¥" inputmode="decimal" :maxlength="16" data-test="mortgage-amount" /></a-form-item>
        <a-form-item :label="$t('field.note')" :validate-status="step.state.errors.note ? 'error' : ''" :help="step.state.errors.note">
          <a-input v-model:value="step.values.note" :maxlength="200" /></a-form-item>
        <problem-alert :problem="step.state.problem" class="gap" />
        <a-button type="primary" html-type="submit" :loading="step.state.submitting" data-test="mortgage-step-submit">{{ $t('app.save') }}</a-button>
      </a-form>
      <a-form v-else layout="vertical" @submit="loan.send()">
        <p v-if="state.due" class="muted small">{{ $t('deals.outstanding', { amount: money(state.due.outstanding) }) }}（{{ state.due.outstandingInWords }}）</p>
        <a-form-item :label="$t('field.amount')" required :validate-status="loan.state.errors.amount ? 'error' : ''" :help="loan.state.errors.amount">
          <a-input v-model:value="loan.values.amount" prefix="¥" inputmode="decimal" :maxlength="16" data-test="loan-amount" /></a-form-item>
        <a-form-item :label="$t('field.method')"><a-radio-group v-model:value="loan.values.method" :options="methodOptions" /></a-form-item>
        <a-form-item :label="$t('field.reference')" :required="loan.values.method !== 'CASH'" :validate-status="loan.state.errors.reference ? 'error' : ''" :help="loan.state.errors.reference">
          <a-input v-model:value="loan.values.reference" :maxlength="64" data-test="loan-reference" /></a-form-item>
        <problem-alert :problem="loan.state.problem" class="gap" />
        <a-button type="primary" html-type="submit" :loading="loan.state.submitting" :disabled="!state.due" data-test="loan-submit">{{ $t('after.recordLoan') }}</a-button>
      </a-form>
      <a-button class="gap-top" @click="state.acting = null">{{ $t('app.cancel') }}</a-button>
    </section>
  </div>`,
};
