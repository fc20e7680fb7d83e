// Corrections of a deal on its page (issue 13): the MANAGER voids an issued agreement with a reason and who
// keeps its signed paper copies, and a new one is issued — the buyer's details corrected or as they were
// (R-DEAL-5); who keeps the current agreement's copies (ASSISTANT, SUPERVISOR, MANAGER); a name change
// (R-DEAL-8): before the contract the MANAGER's void and reissue without fee, after it the rep's request,
// whose transfer fee is due at the finance desk — the change takes effect once FINANCE records it.
// Each form sends once (its requestId kept until the API decides) and shows the API's problem detail.
import { api, seg } from '../../api.js';
import { store, zone, staffName } from '../../store.js';
import { useForm } from '../../forms.js';
import { textProblem, buyerPhoneProblem, postcodeProblem } from '../../validate.js';
import { money, dateTime } from '../../format.js';

const { computed } = Vue;
const { useI18n } = VueI18n;

/** The buyer's fields as the API bounds them (SalesController.BuyerBody, Buyer.checked). */
const BUYER_RULES = {
  buyerName: (v, f) => (f.correctBuyer ? textProblem(v, { required: true, max: 50 }) : null),
  buyerPhone: (v, f) => (f.correctBuyer ? buyerPhoneProblem(v) : null),
  buyerAddress: (v, f) => (f.correctBuyer ? textProblem(v, { required: true, min: 6, max: 200 }) : null),
  buyerPostcode: (v, f) => (f.correctBuyer ? postcodeProblem(v) : null),
};
const BUYER_TYPES = {
  'buyer-contact-invalid': (p) => (/姓名/.test(p.detail) ? 'buyerName' : /电话/.test(p.detail) ? 'buyerPhone'
    : /地址/.test(p.detail) ? 'buyerAddress' : 'buyerPostcode'),
};
const buyerOf = (v) => ({ name: v.buyerName.trim(), phone: v.buyerPhone.trim().replace(/ /g, ''), address: v.buyerAddress.trim(), postcode: v.buyerPostcode.trim() });
const blankBuyer = () => ({ buyerName: '', buyerPhone: '', buyerAddress: '', buyerPostcode: '' });

export const DealCorrection = {
  name: 'DealCorrection',
  props: { kind: { type: String, required: true }, item: { type: Object, required: true } },
  emits: ['done'],
  setup(props, { emit }) {
    const { t } = useI18n();
    const unit = computed(() => props.item.unit);
    const path = (tail) => `/api/deals/sites/${seg(store.site)}/units/${seg(unit.value.id)}/${tail}`;
    const contracted = computed(() => unit.value.status === 'CONTRACTED');

    // R-DEAL-5: void and issue again
    const voiding = useForm({
      key: null,
      initial: () => ({ reason: '', paperKeeper: '', correctBuyer: false, ...blankBuyer() }),
      rules: {
        reason: (v) => textProblem(v, { required: true, max: 200 }),
        paperKeeper: (v) => textProblem(v, { required: true, max: 50 }),
        ...BUYER_RULES,
      },
      byType: { 'reason-required': 'reason', 'paper-keeper-required': 'paperKeeper', ...BUYER_TYPES },
      submit: async (v, requestId) => emit('done', await api.post(path('agreement/void'), {
        reason: v.reason.trim(), paperKeeper: v.paperKeeper.trim(), buyer: v.correctBuyer ? buyerOf(v) : null, requestId,
      })),
    });
    // R-DEAL-8: the new buyer; before the contract also why and who keeps the voided paper copies
    const renaming = useForm({
      key: null,
      initial: () => ({ reason: '', paperKeeper: '', correctBuyer: true, ...blankBuyer() }),
      rules: {
        reason: (v) => textProblem(v, { required: !contracted.value, max: 200 }),
        paperKeeper: (v) => (contracted.value ? null : textProblem(v, { required: true, max: 50 })),
        ...BUYER_RULES,
      },
      byType: { 'reason-required': 'reason', 'paper-keeper-required': 'paperKeeper', ...BUYER_TYPES },
      submit: async (v, requestId) => emit('done', await api.post(path('name-change'), {
        buyer: buyerOf(v), reason: v.reason.trim() || null, paperKeeper: contracted.value ? null : v.paperKeeper.trim(), requestId,
      })),
    });
    // R-DEAL-5 (九3): who keeps the current agreement's signed copies
    const keeping = useForm({
      key: null,
      initial: () => ({ keeper: unit.value.sale?.agreement?.copiesKeeper || '' }),
      rules: { keeper: (v) => textProblem(v, { required: true, max: 50 }) },
      byType: { 'keeper-required': 'keeper' },
      submit: async (v) => emit('done', await api.put(path('agreement/keeper'), { keeper: v.keeper.trim() })),
    });
    const form = computed(() => ({ voidAgreement: voiding, nameChange: renaming, keeper: keeping }[props.kind]));
    return { t, unit, contracted, form, money, dateTime, zone, staffName };
  },
  template: `
  <a-form layout="vertical" @submit="form.send()" :data-test="kind + '-form'">
    <template v-if="kind === 'voidAgreement'">
      <p class="muted small">{{ $t('after.voidHint', { no: unit.sale.agreement.number }) }}</p>
    </template>
    <template v-if="kind === 'nameChange'">
      <p class="muted small" data-test="name-change-hint">{{ contracted ? $t('after.nameChangeAfterHint') : $t('after.nameChangeBeforeHint', { no: unit.sale.agreement ? unit.sale.agreement.number : '—' }) }}</p>
    </template>
    <template v-if="kind !== 'keeper'">
      <a-form-item :label="$t('field.reason')" :required="kind === 'voidAgreement' || !contracted"
        :validate-status="form.state.errors.reason ? 'error' : ''" :help="form.state.errors.reason">
        <a-input v-model:value="form.values.reason" :maxlength="200" data-test="correction-reason" /></a-form-item>
      <a-form-item v-if="kind === 'voidAgreement' || !contracted" :label="$t('after.paperKeeper')" required
        :validate-status="form.state.errors.paperKeeper ? 'error' : ''" :help="form.state.errors.paperKeeper || $t('after.paperKeeperHint')">
        <a-input v-model:value="form.values.paperKeeper" :maxlength="50" data-test="paper-keeper" /></a-form-item>
      <a-form-item v-if="kind === 'voidAgreement'">
        <a-checkbox v-model:checked="form.values.correctBuyer" data-test="correct-buyer">{{ $t('after.correctBuyer') }}</a-checkbox></a-form-item>
      <div v-if="form.values.correctBuyer" class="field-row">
        <a-form-item :label="kind === 'nameChange' ? $t('after.newBuyer') : $t('board.buyerName')" required
          :validate-status="form.state.errors.buyerName ? 'error' : ''" :help="form.state.errors.buyerName">
          <a-input v-model:value="form.values.buyerName" :maxlength="50" data-test="new-buyer-name" /></a-form-item>
        <a-form-item :label="$t('board.buyerPhone')" required :validate-status="form.state.errors.buyerPhone ? 'error' : ''" :help="form.state.errors.buyerPhone">
          <a-input v-model:value="form.values.buyerPhone" inputmode="tel" :maxlength="20" data-test="new-buyer-phone" /></a-form-item>
        <a-form-item :label="$t('board.buyerAddress')" required :validate-status="form.state.errors.buyerAddress ? 'error' : ''" :help="form.state.errors.buyerAddress">
          <a-input v-model:value="form.values.buyerAddress" :maxlength="200" data-test="new-buyer-address" /></a-form-item>
        <a-form-item :label="$t('board.buyerPostcode')" required :validate-status="form.state.errors.buyerPostcode ? 'error' : ''" :help="form.state.errors.buyerPostcode">
          <a-input v-model:value="form.values.buyerPostcode" inputmode="numeric" :maxlength="6" data-test="new-buyer-postcode" /></a-form-item>
      </div>
    </template>
    <a-form-item v-else :label="$t('after.copiesKeeper')" required :validate-status="form.state.errors.keeper ? 'error' : ''" :help="form.state.errors.keeper">
      <a-input v-model:value="form.values.keeper" :maxlength="50" data-test="copies-keeper" /></a-form-item>
    <problem-alert :problem="form.state.problem" class="gap" />
    <a-button type="primary" :danger="kind === 'voidAgreement'" html-type="submit" :loading="form.state.submitting" data-test="correction-submit">
      {{ $t('after.submit.' + kind) }}</a-button>
  </a-form>`,
};

/**
 * What a deal's page shows after the deposit: the current agreement and who keeps its copies, every voided
 * one with its reason and paper keeper (R-DEAL-5), a name change waiting for its fee (R-DEAL-8), and the
 * mortgage's progress (R-FIN-7) — from finance-service where the reader may see it, else from the payments
 * deal-service heard of.
 */
export const DealAfterDeposit = {
  name: 'DealAfterDeposit',
  props: { unit: { type: Object, required: true }, mortgage: { type: Object, default: null } },
  setup(props) {
    const { locale } = useI18n();
    const sale = computed(() => props.unit.sale || {});
    const mortgageTerm = computed(() => (sale.value.contract?.terms || []).find((x) => x.kind === 'MORTGAGE'));
    const loanPaid = computed(() => (sale.value.payments || []).some((p) => p.kind === 'MORTGAGE'));
    const stage = computed(() => props.mortgage?.stage || (loanPaid.value ? 'LOAN_PAID' : null));
    return { sale, mortgageTerm, stage, money, dateTime, zone, staffName, locale };
  },
  template: `
  <dl class="kv" data-test="after-deposit">
    <template v-if="sale.agreement && sale.agreement.number">
      <dt>{{ $t('after.agreement') }}</dt>
      <dd data-test="agreement-current" :data-number="sale.agreement.number">{{ sale.agreement.number }} · {{ sale.agreement.buyerName }}
        <span v-if="sale.agreement.copiesKeeper" class="small muted">· {{ $t('after.keptBy', { who: sale.agreement.copiesKeeper }) }}</span></dd>
    </template>
    <template v-if="sale.voidedAgreements && sale.voidedAgreements.length">
      <dt>{{ $t('after.voided') }}</dt>
      <dd><div v-for="v in sale.voidedAgreements" :key="v.agreement.number + v.voidedAt" class="small" data-test="agreement-voided"
          :data-number="v.agreement.number" :data-keeper="v.paperKeeper">
        <a-tag>{{ $t('after.causes.' + (v.cause === 'NAME_CHANGE' ? 'NAME_CHANGE' : 'CORRECTION')) }}</a-tag>
        <s>{{ v.agreement.number }}</s> · {{ v.agreement.buyerName }} · {{ v.reason }} · {{ $t('after.keptBy', { who: v.paperKeeper }) }}
        · {{ staffName(v.voidedBy) }} {{ dateTime(v.voidedAt, zone(), locale) }}</div></dd>
    </template>
    <template v-if="sale.nameChange">
      <dt>{{ $t('after.nameChange') }}</dt>
      <dd data-test="name-change-pending" :data-fee="sale.nameChange.fee">
        <a-tag color="orange">{{ $t('after.feeDue') }}</a-tag>{{ $t('after.nameChangeState', { buyer: sale.nameChange.buyerName, fee: money(sale.nameChange.fee) }) }}</dd>
    </template>
    <template v-if="sale.contract">
      <dt>{{ $t('after.buyer') }}</dt><dd data-test="contract-buyer">{{ sale.contract.buyerName }} {{ sale.contract.buyerPhone }}</dd>
    </template>
    <template v-if="mortgageTerm">
      <dt>{{ $t('after.mortgage') }}</dt>
      <dd data-test="mortgage-state" :data-stage="stage || ''">{{ money(mortgageTerm.amount) }} ·
        <a-tag :color="stage === 'LOAN_PAID' ? 'green' : stage === 'REJECTED' ? 'red' : 'blue'">{{ stage ? $t('after.stages.' + stage) : $t('after.stageUnknown') }}</a-tag>
        <span v-if="mortgage && mortgage.bank" class="small muted">{{ mortgage.bank }}</span>
        <span v-if="mortgage && mortgage.approved" class="small muted">· {{ $t('after.approvedAmount') }} {{ money(mortgage.approved) }}</span></dd>
    </template>
  </dl>`,
};
