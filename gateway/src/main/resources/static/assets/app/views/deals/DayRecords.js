// The desk's day, record by record (R-FIN-1, R-FIN-4, R-FIN-7): every receipt and payment voucher of the day
// with its state. While the day is open FINANCE voids one with a reason — it keeps its number, nothing is
// deleted, the amount is due (or the refund owed) again; once the day is closed it changes only by a reversing
// entry (红字冲销) booked today with a reason. A deposit's receipt and a reversing entry stand. The MANAGER reads.
import { api, seg } from '../../api.js';
import { abilities, correction } from '../../access.js';
import { store, zone } from '../../store.js';
import { useForm } from '../../forms.js';
import { textProblem } from '../../validate.js';
import { money, dateTime } from '../../format.js';

const { reactive, computed } = Vue;
const { useI18n } = VueI18n;

export const DayRecords = {
  name: 'DayRecords',
  props: { day: { type: Object, required: true } },
  emits: ['changed'],
  setup(props, { emit }) {
    const { locale } = useI18n();
    const fin = `/api/finance/sites/${seg(store.site)}`;
    const can = computed(() => abilities(store.user, store.site));
    const closed = computed(() => props.day.status === 'CLOSED');
    const state = reactive({ acting: null, done: null });
    const records = computed(() => [
      ...(props.day.receipts || []).map((r) => ({ ...r, type: 'receipt', no: r.receiptNo, at: r.confirmedAt, by: r.confirmedBy })),
      ...(props.day.vouchers || []).map((v) => ({ ...v, type: 'voucher', no: v.voucherNo, at: v.paidAt, by: v.paidBy })),
    ].map((r) => ({ ...r, action: can.value.correctRecords ? correction(r, closed.value) : null })));
    const form = useForm({
      key: null,
      initial: () => ({ reason: '' }),
      rules: { reason: (v) => textProblem(v, { required: true, max: 200 }) },
      byType: { 'reason-required': 'reason' },
      submit: async (v) => {
        const { type, no, action } = state.acting;
        const answer = await api.post(`${fin}/${type}s/${seg(no)}/${action === 'void' ? 'void' : 'reversal'}`, { reason: v.reason.trim() });
        state.done = { action, no, by: answer.receiptNo || answer.voucherNo };
        state.acting = null;
        emit('changed');
        return answer;
      },
    });
    const open = (record) => {
      form.reset();
      state.done = null;
      state.acting = record;
    };
    return { records, state, form, open, can, closed, money, dateTime, zone, locale };
  },
  template: `
  <section class="gap-top" data-test="day-records">
    <h3 class="subhead">{{ $t('after.records') }}</h3>
    <p class="muted small">{{ closed ? $t('after.closedHint') : $t('after.openHint') }}</p>
    <a-alert v-if="state.done" type="success" show-icon class="gap" data-test="record-done"
      :message="state.done.action === 'void' ? $t('after.voidedDone', { no: state.done.no }) : $t('after.reversedDone', { no: state.done.no, by: state.done.by })" />
    <p v-if="!records.length" class="muted">{{ $t('finance.noReceipts') }}</p>
    <a-list v-else :data-source="records" size="small" data-test="records">
      <template #renderItem="{ item }">
        <a-list-item data-test="record" :data-type="item.type" :data-no="item.no" :data-voided="item.voided ? 'true' : 'false'">
          <a-list-item-meta>
            <template #title>
              <a-tag :color="item.type === 'receipt' ? 'green' : 'volcano'">{{ $t('after.recordTypes.' + item.type) }}</a-tag>
              <s v-if="item.voided">{{ item.no }}</s><span v-else>{{ item.no }}</span> · {{ item.unitLabel }} · <strong>{{ money(item.amount) }}</strong>
              <a-tag v-if="item.voided" color="red" data-test="record-voided">{{ $t('after.voidedTag') }}</a-tag>
              <a-tag v-if="item.reversedBy" color="purple">{{ $t('after.reversedBy', { no: item.reversedBy }) }}</a-tag>
              <a-tag v-if="item.reverses" color="purple">{{ $t('after.reverses', { no: item.reverses }) }}</a-tag>
            </template>
            <template #description>
              {{ $te('finance.method.' + item.method) ? $t('finance.method.' + item.method) : item.method }} · {{ item.customerName || item.payee || '' }}
              · {{ dateTime(item.at, zone(), locale) }}
              <span v-if="item.voided"> · {{ $t('field.reason') }}：<span data-test="void-reason">{{ item.voidReason }}</span></span>
            </template>
          </a-list-item-meta>
          <a-button v-if="item.action" size="small" danger :data-test="'record-' + item.action" @click="open(item)">{{ $t('after.actions.' + item.action) }}</a-button>
        </a-list-item>
      </template>
    </a-list>
    <a-form v-if="state.acting" layout="vertical" @submit="form.send()" class="panel gap-top" data-test="record-form" :data-action="state.acting.action">
      <p><strong>{{ $t('after.actions.' + state.acting.action) }} · {{ $t('after.recordTypes.' + state.acting.type) }} {{ state.acting.no }} · {{ money(state.acting.amount) }}</strong></p>
      <p class="muted small">{{ state.acting.action === 'void' ? $t('after.voidRecordHint') : $t('after.reverseRecordHint') }}</p>
      <a-form-item :label="$t('field.reason')" required :validate-status="form.state.errors.reason ? 'error' : ''" :help="form.state.errors.reason">
        <a-input v-model:value="form.values.reason" :maxlength="200" data-test="record-reason" /></a-form-item>
      <problem-alert :problem="form.state.problem" class="gap" />
      <div class="actions">
        <a-button type="primary" danger html-type="submit" :loading="form.state.submitting" data-test="record-submit">{{ $t('after.actions.' + state.acting.action) }}</a-button>
        <a-button @click="state.acting = null">{{ $t('app.cancel') }}</a-button>
      </div>
    </a-form>
  </section>`,
};
