// 财务 — the finance desk (R-SEC-2, R-FIN-1, 2, 6): the queue of requested deposits with each
// hold's time left counting down, confirming with amount, method and reference (FINANCE only:
// nobody else sees the button, and the API refuses and audits anyone else), the receipt as a
// PDF, refunds due paid out whole or in parts (R-DEAL-10, R-FIN-4), and the cash referral rewards the
// MANAGER approved, paid by FINANCE only (R-CUS-12, R-SEC-2).
import { api, seg, openPdf } from '../api.js';
import { abilities } from '../access.js';
import { store, zone, siteToday } from '../store.js';
import { useForm, useAction } from '../forms.js';
import { amountProblem, textProblem } from '../validate.js';
import { money, dateTime } from '../format.js';

const { ref, reactive, computed, onMounted, onUnmounted } = Vue;
const { useI18n } = VueI18n;

const METHODS = ['CASH', 'CARD', 'TRANSFER', 'CHEQUE'];
const REFRESH_MS = 10_000;

/** "20000" and "20000.00" are one amount (R-FIN-6: exact decimals, compared as such). */
function sameAmount(a, b) {
  const norm = (x) => {
    const [whole, cents = ''] = String(x).trim().replace(/,/g, '').split('.');
    return `${whole.replace(/^0+(?=\d)/, '')}.${cents.padEnd(2, '0')}`;
  };
  return norm(a) === norm(b);
}

export const FinanceView = {
  name: 'FinanceView',
  setup() {
    const { t, locale } = useI18n();
    const site = store.site;
    const can = computed(() => abilities(store.user, site));
    const state = reactive({ queue: [], loadedAt: Date.now(), problem: null, refunds: [], receipts: [], confirming: null, day: null, rewards: [] });

    async function refresh() {
      try {
        const [queue, refunds] = await Promise.all([
          api.get(`/api/finance/sites/${seg(site)}/deposit-requests`),
          api.get(`/api/finance/sites/${seg(site)}/refunds-due`),
        ]);
        state.queue = queue || [];
        state.refunds = refunds || [];
        // the desk's day (R-FIN-5): today's receipts and totals
        state.day = await api.get(`/api/finance/sites/${seg(site)}/days/${siteToday()}`).catch(() => state.day);
        // R-CUS-12: cash rewards the MANAGER approved wait for the desk — the API answers only those
        if (can.value.payOutRefund) {
          const rewards = await api.get(`/api/customers/sites/${seg(site)}/referrals?status=APPROVED&reward=CASH`).catch(() => null);
          if (rewards) state.rewards = rewards;
        }
        state.loadedAt = Date.now();
        state.problem = null;
      } catch (error) {
        state.problem = error;
      }
    }
    // the queue is read again every few seconds (and at once when the tab comes back); the
    // holds' time left counts down in the browser meanwhile
    let timer;
    const onVisible = () => { if (!document.hidden) refresh(); };
    onMounted(() => {
      refresh();
      timer = setInterval(() => { if (!document.hidden) refresh(); }, REFRESH_MS);
      document.addEventListener('visibilitychange', onVisible);
    });
    onUnmounted(() => { clearInterval(timer); document.removeEventListener('visibilitychange', onVisible); });

    // R-SEC-2: FINANCE confirms; the receipt number is gap-free (R-FIN-1)
    const confirm = useForm({
      key: null,
      initial: () => ({ amount: '', method: undefined, reference: '', cashInHand: false }),
      rules: {
        amount: (v) => amountProblem(v) || (state.confirming && !sameAmount(v, state.confirming.amountDue) ? 'amountDue' : null),
        method: (v) => (v ? null : 'required'),
        reference: (v, f) => (f.method && f.method !== 'CASH' ? textProblem(v, { required: true, max: 64 }) : textProblem(v, { max: 64 })),
      },
      byType: {
        'amount-invalid': 'amount', 'amount-too-precise': 'amount', 'amount-not-positive': 'amount', 'amount-mismatch': 'amount',
        'payment-method-required': 'method', 'payment-reference-required': 'reference',
      },
      // the same confirmation again answers the first receipt (R-FIN-2): a retry is safe
      submit: async (v) => {
        const receipt = await api.post(`/api/finance/deposit-requests/${seg(state.confirming.requestId)}/confirmation`, {
          amount: v.amount.trim().replace(/,/g, ''), currency: 'CNY', method: v.method, reference: v.reference.trim() || undefined,
          cashInHand: v.cashInHand || undefined,
        });
        state.receipts = [receipt, ...state.receipts.filter((r) => r.receiptNo !== receipt.receiptNo)];
        state.confirming = null;
        refresh();
        return receipt;
      },
    });
    // R-DEAL-2, R-FIN-2: late, the desk takes no money — unless it is in hand already: then it is
    // recorded with its receipt and a refund due at once
    const late = computed(() => confirm.state.problem?.type === 'deposit-deadline-passed');
    const open = (item) => {
      confirm.reset();
      confirm.values.amount = item.amountDue;
      state.confirming = item;
    };

    const lookup = useForm({
      key: null,
      initial: () => ({ number: '' }),
      rules: { number: (v) => textProblem(v, { required: true, max: 40 }) },
      byType: { 'receipt-unknown': 'number' },
      submit: async (v) => {
        const receipt = await api.get(`/api/finance/sites/${seg(site)}/receipts/${seg(v.number.trim())}`);
        state.receipts = [receipt, ...state.receipts.filter((r) => r.receiptNo !== receipt.receiptNo)];
        return receipt;
      },
    });
    // R-FIN-4: FINANCE pays a refund due out with a payment voucher
    const paying = ref(null);
    const payout = useForm({
      key: null,
      initial: () => ({ amount: '', method: undefined, reference: '', payee: '' }),
      rules: {
        // R-DEAL-10: whole or in parts, never more than remains
        amount: (v) => amountProblem(v, { max: paying.value?.remaining ?? paying.value?.amount }),
        method: (v) => (v ? null : 'required'),
        reference: (v, f) => (f.method && f.method !== 'CASH' ? textProblem(v, { required: true, max: 64 }) : textProblem(v, { max: 64 })),
        payee: (v) => textProblem(v, { required: true, max: 50 }),
      },
      byType: { 'payment-method-required': 'method', 'payment-reference-required': 'reference', 'payout-exceeds-refund': 'amount',
        'amount-invalid': 'amount', 'amount-too-precise': 'amount', 'amount-not-positive': 'amount' },
      // the same requestId again answers the first voucher: a double click or a retry pays once
      submit: async (v, requestId) => {
        const voucher = await api.post(`/api/finance/sites/${seg(site)}/refunds-due/${seg(paying.value.refundId)}/payout`, {
          amount: String(v.amount).trim().replace(/,/g, ''), currency: 'CNY', requestId,
          method: v.method, reference: v.reference.trim() || undefined, payee: v.payee.trim(),
        });
        paying.value = null;
        refresh();
        return voucher;
      },
    });
    const payOut = (refund) => {
      payout.reset();
      payout.values.amount = refund.remaining ?? refund.amount;
      paying.value = refund;
    };
    // R-CUS-12, R-SEC-2: a cash reward is money: FINANCE pays it
    const payReward = useAction(async (referral) => {
      await api.post(`/api/customers/sites/${seg(site)}/referrals/${seg(referral.id)}/reward/state`, { state: 'PAID', note: null });
      await refresh();
    });
    const pdf = useAction((no) => openPdf(`/api/finance/sites/${seg(site)}/receipts/${seg(no)}/pdf`, `${no}.pdf`));
    const methodOptions = computed(() => METHODS.map((m) => ({ value: m, label: t(`finance.method.${m}`) })));
    const receipts = computed(() => {
      const seen = new Set();
      return [...state.receipts, ...[...(state.day?.receipts || [])].reverse()].filter((r) => !seen.has(r.receiptNo) && seen.add(r.receiptNo));
    });
    return { t, locale, store, can, state, refresh, receipts, confirm, open, late, lookup, pdf, methodOptions, money, dateTime, zone, paying, payout,
      payOut, payReward };
  },
  template: `
  <div class="screen finance" data-test="finance">
    <div class="screen-head">
      <h1>{{ $t('finance.title') }} <span class="muted">{{ store.profile.name }}</span></h1>
      <div class="head-actions">
        <router-link to="/deals?tab=dues" data-test="to-dues"><a-button>{{ $t('deals.tabs.dues') }}</a-button></router-link>
        <router-link to="/deals?tab=mortgages" data-test="to-mortgages"><a-button>{{ $t('deals.tabs.mortgages') }}</a-button></router-link>
        <router-link to="/deals?tab=day" data-test="to-day"><a-button>{{ $t('deals.tabs.day') }}</a-button></router-link>
        <a-button @click="refresh" data-test="refresh">{{ $t('app.refresh') }}</a-button></div>
    </div>
    <problem-alert :problem="state.problem" />
    <section class="panel">
      <h2>{{ $t('finance.queue') }} <a-badge :count="state.queue.length" show-zero :number-style="{ backgroundColor: '#d48806' }" /></h2>
      <p class="muted small">{{ $t('finance.queueHint') }}</p>
      <a-empty v-if="!state.queue.length" :description="$t('finance.queueEmpty')" data-test="queue-empty" />
      <div class="cards" data-test="deposit-queue">
        <a-card v-for="item in state.queue" :key="item.requestId" size="small" data-test="deposit-request" :data-unit="item.unitLabel" :data-request-id="item.requestId">
          <template #title>{{ item.unitLabel }} <a-tag :color="item.kind === 'BIG' ? 'red' : 'orange'">{{ $t('board.kind.' + item.kind) }}</a-tag></template>
          <template #extra><countdown :seconds="item.secondsLeft" :since="state.loadedAt" /></template>
          <dl class="kv">
            <dt>{{ $t('finance.amountDue') }}</dt><dd data-test="amount-due"><strong>{{ money(item.amountDue) }}</strong></dd>
            <dt>{{ $t('board.price') }}</dt><dd>{{ money(item.price) }}</dd>
            <dt>{{ $t('finance.customer') }}</dt><dd>{{ item.customerName }}</dd>
            <dt>{{ $t('finance.rep') }}</dt><dd>{{ item.repName }}</dd>
            <dt>{{ $t('finance.requestedAt') }}</dt><dd>{{ dateTime(item.requestedAt, zone(), locale) }}</dd>
          </dl>
          <a-button v-if="can.confirmDeposit" type="primary" block class="gap-top" data-test="confirm-deposit" @click="open(item)">{{ $t('finance.confirm') }}</a-button>
        </a-card>
      </div>
    </section>

    <div class="columns">
      <section class="panel" v-if="can.receipts">
        <h2>{{ $t('finance.receipts') }}</h2>
        <a-form layout="inline" @submit="lookup.send()" class="gap">
          <a-form-item :validate-status="lookup.state.errors.number ? 'error' : ''" :help="lookup.state.errors.number">
            <a-input v-model:value="lookup.values.number" :placeholder="$t('finance.receiptNo')" :maxlength="40" data-test="receipt-number" />
          </a-form-item>
          <a-button html-type="submit" :loading="lookup.state.submitting">{{ $t('finance.find') }}</a-button>
        </a-form>
        <problem-alert :problem="lookup.state.problem" />
        <problem-alert :problem="pdf.state.problem" />
        <p v-if="state.day" class="small" data-test="day-totals">{{ $t('finance.dayTotals', { received: money(state.day.received), paidOut: money(state.day.paidOut), n: state.day.receiptCount }) }}
          <a-tag :color="state.day.status === 'CLOSED' ? 'default' : 'green'">{{ $t('finance.dayStatus.' + state.day.status) }}</a-tag></p>
        <p v-if="!receipts.length" class="muted">{{ $t('finance.noReceipts') }}</p>
        <a-card v-for="r in receipts" :key="r.receiptNo" size="small" class="gap" data-test="receipt" :data-receipt="r.receiptNo">
          <template #title>{{ $t('finance.receipt') }} {{ r.receiptNo }}</template>
          <template #extra><a-button size="small" data-test="receipt-pdf" :loading="pdf.state.busy" @click="pdf.act(r.receiptNo)">PDF</a-button></template>
          <dl class="kv">
            <dt>{{ $t('finance.unit') }}</dt><dd>{{ r.unitLabel }} · {{ $t('board.kind.' + r.kind) }}</dd>
            <dt>{{ $t('field.amount') }}</dt><dd>{{ money(r.amount) }} <span class="muted small">{{ r.amountInWords }}</span></dd>
            <dt>{{ $t('field.method') }}</dt><dd>{{ $t('finance.method.' + r.method) }} <span v-if="r.reference">· {{ r.reference }}</span></dd>
            <dt>{{ $t('finance.customer') }}</dt><dd>{{ r.customerName }} · {{ r.repName }}</dd>
            <dt>{{ $t('finance.confirmedAt') }}</dt><dd>{{ dateTime(r.confirmedAt, zone(), locale) }}</dd>
          </dl>
        </a-card>
      </section>
      <section class="panel">
        <h2>{{ $t('finance.refunds') }}</h2>
        <p v-if="!state.refunds.length" class="muted" data-test="refunds-empty">{{ $t('finance.noRefunds') }}</p>
        <a-list v-else :data-source="state.refunds" size="small" data-test="refunds">
          <template #renderItem="{ item }">
            <a-list-item data-test="refund" :data-id="item.refundId">
              <a-list-item-meta :title="item.unitLabel + ' · ' + money(item.amount)" :description="item.reason" />
              <div class="small muted">{{ item.receiptNo }} · {{ $te('finance.refundStatus.' + item.status) ? $t('finance.refundStatus.' + item.status) : item.status }}
                <span v-if="item.paid && Number(item.paid) > 0" data-test="refund-paid-so-far"> · {{ $t('finance.refundPaidSoFar', { paid: money(item.paid), remaining: money(item.remaining) }) }}</span></div>
              <template #actions v-if="can.payOutRefund && item.status === 'OPEN'">
                <a-button size="small" type="primary" data-test="pay-out" @click="payOut(item)">{{ $t('finance.payOut') }}</a-button>
              </template>
            </a-list-item>
          </template>
        </a-list>
        <a-alert v-if="payout.state.result" type="success" show-icon class="gap-top" data-test="voucher"
          :message="$t('finance.paidOut', { no: payout.state.result.voucherNo, amount: money(payout.state.result.amount) })" />
        <p class="muted small">{{ $t('finance.refundsHint') }}</p>
        <template v-if="can.payOutRefund">
          <h2 class="gap-top">{{ $t('finance.rewards') }}</h2>
          <p v-if="!state.rewards.length" class="muted" data-test="rewards-empty">{{ $t('finance.noRewards') }}</p>
          <a-list v-else :data-source="state.rewards" size="small" data-test="rewards">
            <template #renderItem="{ item }">
              <a-list-item :data-id="item.id" data-test="reward">
                <a-list-item-meta :title="item.referrerArchiveNo + ' → ' + item.referredArchiveNo + ' · ' + money(item.reward.amount)" :description="item.reward.description" />
                <template #actions>
                  <a-popconfirm :title="$t('finance.payRewardConfirm', { amount: money(item.reward.amount) })" @confirm="payReward.act(item)">
                    <a-button size="small" type="primary" :loading="payReward.state.busy" data-test="pay-reward">{{ $t('finance.payReward') }}</a-button>
                  </a-popconfirm>
                </template>
              </a-list-item>
            </template>
          </a-list>
          <problem-alert :problem="payReward.state.problem" />
        </template>
      </section>
    </div>

    <a-modal :open="!!paying" :title="paying ? $t('finance.payOutTitle', { unit: paying.unitLabel, amount: money(paying.remaining ?? paying.amount) }) : ''"
      :footer="null" @cancel="paying = null" destroy-on-close>
      <a-form v-if="paying" layout="vertical" @submit="payout.send()" data-test="payout-form">
        <a-form-item :label="$t('field.amount')" required :validate-status="payout.state.errors.amount ? 'error' : ''" :help="payout.state.errors.amount || $t('finance.payoutPartHint')">
          <a-input v-model:value="payout.values.amount" prefix="¥" inputmode="decimal" :maxlength="16" data-test="payout-amount" />
        </a-form-item>
        <a-form-item :label="$t('field.method')" required :validate-status="payout.state.errors.method ? 'error' : ''" :help="payout.state.errors.method">
          <a-radio-group v-model:value="payout.values.method" :options="methodOptions" data-test="payout-method" />
        </a-form-item>
        <a-form-item :label="$t('field.reference')" :validate-status="payout.state.errors.reference ? 'error' : ''" :help="payout.state.errors.reference">
          <a-input v-model:value="payout.values.reference" :maxlength="64" data-test="payout-reference" />
        </a-form-item>
        <a-form-item :label="$t('finance.payee')" required :validate-status="payout.state.errors.payee ? 'error' : ''" :help="payout.state.errors.payee">
          <a-input v-model:value="payout.values.payee" :maxlength="50" data-test="payout-payee" />
        </a-form-item>
        <problem-alert :problem="payout.state.problem" class="gap" />
        <a-button type="primary" html-type="submit" block :loading="payout.state.submitting" data-test="payout-submit">{{ $t('finance.payOutIt') }}</a-button>
      </a-form>
    </a-modal>

    <a-modal :open="!!state.confirming" :title="state.confirming ? $t('finance.confirmTitle', { unit: state.confirming.unitLabel }) : ''"
      :footer="null" @cancel="state.confirming = null" destroy-on-close>
      <template v-if="state.confirming">
        <p>{{ $t('finance.confirmHint', { kind: $t('board.kind.' + state.confirming.kind), amount: money(state.confirming.amountDue), customer: state.confirming.customerName }) }}</p>
        <p>{{ $t('finance.holdLeft') }} <countdown :seconds="state.confirming.secondsLeft" :since="state.loadedAt" /></p>
        <a-form layout="vertical" @submit="confirm.send()" data-test="confirm-form">
          <a-form-item :label="$t('field.amount')" required :validate-status="confirm.state.errors.amount ? 'error' : ''" :help="confirm.state.errors.amount">
            <a-input v-model:value="confirm.values.amount" prefix="¥" inputmode="decimal" :maxlength="16" data-test="confirm-amount" />
          </a-form-item>
          <a-form-item :label="$t('field.method')" required :validate-status="confirm.state.errors.method ? 'error' : ''" :help="confirm.state.errors.method">
            <a-radio-group v-model:value="confirm.values.method" :options="methodOptions" data-test="confirm-method" />
          </a-form-item>
          <a-form-item :label="$t('field.reference')" :required="confirm.values.method && confirm.values.method !== 'CASH'"
            :validate-status="confirm.state.errors.reference ? 'error' : ''" :help="confirm.state.errors.reference">
            <a-input v-model:value="confirm.values.reference" :maxlength="64" data-test="confirm-reference" />
          </a-form-item>
          <a-form-item v-if="late || confirm.values.cashInHand">
            <a-checkbox v-model:checked="confirm.values.cashInHand" data-test="cash-in-hand">{{ $t('finance.cashInHand') }}</a-checkbox>
            <div class="muted small">{{ $t('finance.cashInHandHint') }}</div>
          </a-form-item>
          <problem-alert :problem="confirm.state.problem" class="gap" />
          <a-button type="primary" html-type="submit" block data-test="confirm-submit" :loading="confirm.state.submitting">{{ $t('finance.confirmAndIssue') }}</a-button>
        </a-form>
      </template>
    </a-modal>
  </div>`,
};
