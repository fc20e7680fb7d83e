// 销控表 — the sales-control board (R-DEAL-1, 2, 3, 4, 12): a building's units floor by floor,
// coloured by status and changing live for everyone watching (opening day); holds, small and
// big deposit requests from the board with discounts within the role's limit, the agreement
// PDF; price lists imported from .xlsx or CSV with every row's error shown.
import { api, seg, follow, openPdf } from '../api.js';
import { abilities, has } from '../access.js';
import { store, policy, zone, staffName } from '../store.js';
import { useForm, useAction } from '../forms.js';
import { amountProblem, discountProblem, buyerPhoneProblem, postcodeProblem, textProblem } from '../validate.js';
import { money, dateTime } from '../format.js';
import { UnitGrid, applyUnit } from '../components/UnitGrid.js';
import { CustomerPicker } from '../components/CustomerPicker.js';

const { ref, reactive, computed, watch, onMounted, onUnmounted } = Vue;
const { useI18n } = VueI18n;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** deal-service takes price lists up to 1 MB. */
const MAX_FILE = 1024 * 1024;

/** The board's drawer: one unit, what it is, and what the user may do with it now. */
const UnitPanel = {
  name: 'UnitPanel',
  components: { CustomerPicker },
  props: { unit: { type: Object, required: true }, limits: { type: Object, default: null } },
  emits: ['changed'],
  setup(props, { emit }) {
    const { locale } = useI18n();
    const site = store.site;
    const base = `/api/deals/sites/${seg(site)}/units`;
    const can = computed(() => abilities(store.user, site));
    const loadedAt = ref(Date.now());
    watch(() => props.unit, () => { loadedAt.value = Date.now(); });
    const holdLeft = computed(() => (props.unit.hold?.expiresAt
      ? Math.floor((Date.parse(props.unit.hold.expiresAt) - loadedAt.value) / 1000) : null));
    const changed = (unit) => { emit('changed', unit); return unit; };
    // R-DEAL-2: an available unit, or one whose hold ran out by the clock with no deposit waiting at the desk
    const holdable = computed(() => props.unit.status === 'AVAILABLE'
      || (props.unit.status === 'HELD' && !props.unit.request && holdLeft.value !== null && holdLeft.value <= 0));

    const hold = useForm({
      key: `hold:${site}:${props.unit.id}`,
      initial: () => ({ customerId: undefined }),
      rules: { customerId: (v) => (v ? null : 'required') },
      byType: { 'customer-unknown': 'customerId', 'not-owner': 'customerId', 'customer-of-another-rep': 'customerId' },
      // a retry with the same requestId answers what the first hold did (R-DEAL-2)
      submit: async (v, requestId) => changed(await api.post(`${base}/${seg(props.unit.id)}/hold`, { customerId: v.customerId, requestId })),
    });
    const reserve = useForm({
      key: null,
      initial: () => ({ reason: '' }),
      rules: { reason: (v) => textProblem(v, { required: true, max: 200 }) },
      submit: async (v) => changed(await api.post(`${base}/${seg(props.unit.id)}/reservation`, { reason: v.reason.trim() })),
    });
    const action = useAction(async (kind) => {
      const path = `${base}/${seg(props.unit.id)}/${kind === 'release' ? 'hold' : 'reservation'}`;
      return changed(await api.del(path));
    });
    const discountLimit = computed(() => (props.limits ? (has(store.user, 'MANAGER') ? props.limits.manager : props.limits.rep) : null));
    const upgrade = computed(() => props.unit.status === 'SMALL_DEPOSIT');
    const deposit = useForm({
      key: `deposit:${site}:${props.unit.id}`,
      initial: () => ({
        kind: props.unit.status === 'SMALL_DEPOSIT' ? 'BIG' : 'SMALL', amount: '', discountPercent: '',
        buyerName: '', buyerPhone: '', buyerAddress: '', buyerPostcode: '',
      }),
      rules: {
        amount: (v) => amountProblem(v),
        discountPercent: (v) => {
          const wrong = discountProblem(v, discountLimit.value);
          return wrong === 'discountOverLimit' ? [wrong, { limit: discountLimit.value }] : wrong;
        },
        buyerName: (v, f) => (f.kind === 'BIG' ? textProblem(v, { required: true, max: 50 }) : null),
        buyerPhone: (v, f) => (f.kind === 'BIG' ? buyerPhoneProblem(v) : null),
        buyerAddress: (v, f) => (f.kind === 'BIG' ? textProblem(v, { required: true, min: 6, max: 200 }) : null),
        buyerPostcode: (v, f) => (f.kind === 'BIG' ? postcodeProblem(v) : null),
      },
      byType: {
        'hold-lapsed': 'amount',
        'amount-invalid': 'amount', 'amount-too-precise': 'amount', 'amount-not-positive': 'amount', 'deposit-exceeds-price': 'amount',
        'discount-invalid': 'discountPercent', 'discount-over-limit': 'discountPercent',
        'buyer-contact-invalid': (p) => (/姓名/.test(p.detail) ? 'buyerName' : /电话/.test(p.detail) ? 'buyerPhone'
          : /地址/.test(p.detail) ? 'buyerAddress' : 'buyerPostcode'),
      },
      submit: async (v, requestId) => changed(await api.post(`${base}/${seg(props.unit.id)}/deposit-request`, {
        requestId, kind: upgrade.value ? 'BIG' : v.kind, amount: v.amount.trim().replace(/,/g, ''), currency: 'CNY',
        discountPercent: v.discountPercent === '' || upgrade.value ? undefined : v.discountPercent,
        buyer: v.kind === 'BIG' ? { name: v.buyerName.trim(), phone: v.buyerPhone.trim(), address: v.buyerAddress.trim(), postcode: v.buyerPostcode.trim() } : undefined,
      })),
    });
    watch(upgrade, (now) => { if (now) deposit.values.kind = 'BIG'; });
    const pdf = useAction(() => openPdf(`/api/deals/sites/${seg(site)}/units/${seg(props.unit.id)}/agreement.pdf`,
      `${props.unit.sale?.agreement?.number || props.unit.label}.pdf`));
    return { can, hold, reserve, action, deposit, pdf, holdLeft, holdable, loadedAt, discountLimit, upgrade, money, dateTime, zone, staffName, locale };
  },
  template: `
  <div class="unit-panel" data-test="unit-panel" :data-unit="unit.label" :data-status="unit.status">
    <dl class="kv gap">
      <dt>{{ $t('board.status') }}</dt><dd><unit-status-tag :status="unit.status" /></dd>
      <dt>{{ $t('board.layout') }}</dt><dd>{{ unit.layout }} · {{ unit.area }} ㎡<span v-if="unit.orientation"> · {{ unit.orientation }}</span></dd>
      <dt>{{ $t('board.listPrice') }}</dt><dd>{{ money(unit.listPrice) }}</dd>
      <template v-if="unit.hold">
        <dt>{{ $t('board.heldBy') }}</dt><dd data-test="held-by">{{ unit.hold.repName }} · {{ unit.hold.customerName }}</dd>
        <dt>{{ $t('board.holdLeft') }}</dt><dd><countdown :seconds="holdLeft" :since="loadedAt" /></dd>
      </template>
      <template v-if="unit.reservation">
        <dt>{{ $t('board.reservedBy') }}</dt><dd>{{ unit.reservation.byName }} · {{ unit.reservation.reason }}</dd>
      </template>
      <template v-if="unit.request">
        <dt>{{ $t('board.requested') }}</dt>
        <dd data-test="deposit-requested">{{ $t('board.kind.' + unit.request.kind) }} {{ money(unit.request.amount) }} · {{ $t('board.price') }} {{ money(unit.request.price) }}
          <span v-if="Number(unit.request.discountPercent)"> · {{ $t('board.discountOf', { p: unit.request.discountPercent }) }}</span>
          <div class="muted small">{{ $t('board.awaitingFinance') }}</div></dd>
      </template>
      <template v-if="unit.sale">
        <dt>{{ $t('board.buyer') }}</dt><dd>{{ unit.sale.customerName }} · {{ unit.sale.repName }}</dd>
        <dt>{{ $t('board.price') }}</dt><dd>{{ money(unit.sale.price) }} · {{ $t('board.paid') }} {{ money(unit.sale.paid) }}</dd>
        <dt>{{ $t('board.deposits') }}</dt>
        <dd><div v-for="d in unit.sale.deposits" :key="d.requestId">{{ $t('board.kind.' + d.kind) }} {{ money(d.amount) }} · {{ d.receiptNo }}</div></dd>
        <template v-if="unit.sale.smallDepositLapsesAt">
          <dt>{{ $t('board.lapses') }}</dt><dd>{{ dateTime(unit.sale.smallDepositLapsesAt, zone(), locale) }}</dd>
        </template>
        <template v-if="unit.sale.agreement">
          <dt>{{ $t('board.agreement') }}</dt><dd>{{ unit.sale.agreement.number }} · {{ $t('board.balance') }} {{ money(unit.sale.agreement.balance) }}</dd>
        </template>
      </template>
    </dl>

    <a-button v-if="unit.sale && unit.sale.agreement && can.agreement(unit)" block class="gap" data-test="agreement-pdf"
      :loading="pdf.state.busy" @click="pdf.act()">{{ $t('board.agreementPdf') }}</a-button>
    <problem-alert :problem="pdf.state.problem" class="gap" />

    <section v-if="holdable && can.hold" class="gap">
      <h3 class="subhead">{{ $t('board.hold') }}</h3>
      <draft-note :form="hold" />
      <a-form layout="vertical" @submit="hold.send()" data-test="hold-form">
        <a-form-item :label="$t('board.forCustomer')" :validate-status="hold.state.errors.customerId ? 'error' : ''" :help="hold.state.errors.customerId">
          <customer-picker v-model:value="hold.values.customerId" :status="hold.state.errors.customerId ? 'error' : ''" />
        </a-form-item>
        <problem-alert :problem="hold.state.problem" class="gap" />
        <a-button type="primary" html-type="submit" block data-test="hold" :loading="hold.state.submitting">{{ $t('board.holdIt') }}</a-button>
      </a-form>
    </section>

    <section v-if="unit.status === 'AVAILABLE' && can.reserve" class="gap">
      <h3 class="subhead">{{ $t('board.reserve') }}</h3>
      <a-form layout="vertical" @submit="reserve.send()">
        <a-form-item :label="$t('field.reason')" :validate-status="reserve.state.errors.reason ? 'error' : ''" :help="reserve.state.errors.reason">
          <a-input v-model:value="reserve.values.reason" :maxlength="200" data-test="reserve-reason" />
        </a-form-item>
        <problem-alert :problem="reserve.state.problem" class="gap" />
        <a-button html-type="submit" block data-test="reserve" :loading="reserve.state.submitting">{{ $t('board.reserveIt') }}</a-button>
      </a-form>
    </section>
    <a-button v-if="unit.status === 'RESERVED' && can.reserve" block class="gap" data-test="end-reservation" :loading="action.state.busy"
      @click="action.act('unreserve')">{{ $t('board.endReservation') }}</a-button>
    <a-popconfirm v-if="unit.status === 'HELD' && can.releaseHold(unit)" :title="$t('board.releaseConfirm')" @confirm="action.act('release')">
      <a-button block danger class="gap" data-test="release" :loading="action.state.busy">{{ $t('board.release') }}</a-button>
    </a-popconfirm>
    <problem-alert :problem="action.state.problem" class="gap" />

    <section v-if="((unit.status === 'HELD' && !holdable) || upgrade) && !unit.request && can.requestDeposit(unit)">
      <h3 class="subhead">{{ upgrade ? $t('board.upgrade') : $t('board.requestDeposit') }}</h3>
      <draft-note :form="deposit" />
      <a-form layout="vertical" @submit="deposit.send()" data-test="deposit-form">
        <a-form-item v-if="!upgrade" :label="$t('board.depositKind')">
          <a-radio-group v-model:value="deposit.values.kind" button-style="solid" data-test="deposit-kind">
            <a-radio-button value="SMALL">{{ $t('board.kind.SMALL') }}</a-radio-button>
            <a-radio-button value="BIG">{{ $t('board.kind.BIG') }}</a-radio-button>
          </a-radio-group>
        </a-form-item>
        <div class="field-row">
          <a-form-item :label="$t('field.amount')" required :validate-status="deposit.state.errors.amount ? 'error' : ''" :help="deposit.state.errors.amount">
            <a-input v-model:value="deposit.values.amount" inputmode="decimal" prefix="¥" :maxlength="16" data-test="deposit-amount" />
          </a-form-item>
          <a-form-item v-if="!upgrade" :label="$t('board.discount')" :validate-status="deposit.state.errors.discountPercent ? 'error' : ''"
            :help="deposit.state.errors.discountPercent || (discountLimit !== null ? $t('board.discountLimit', { limit: discountLimit }) : '')">
            <a-input v-model:value="deposit.values.discountPercent" inputmode="decimal" suffix="%" :maxlength="6" data-test="deposit-discount" />
          </a-form-item>
        </div>
        <template v-if="deposit.values.kind === 'BIG'">
          <p class="muted small">{{ $t('board.buyerHint') }}</p>
          <div class="field-row">
            <a-form-item :label="$t('board.buyerName')" required :validate-status="deposit.state.errors.buyerName ? 'error' : ''" :help="deposit.state.errors.buyerName">
              <a-input v-model:value="deposit.values.buyerName" :maxlength="50" data-test="buyer-name" />
            </a-form-item>
            <a-form-item :label="$t('board.buyerPhone')" required :validate-status="deposit.state.errors.buyerPhone ? 'error' : ''" :help="deposit.state.errors.buyerPhone">
              <a-input v-model:value="deposit.values.buyerPhone" inputmode="tel" :maxlength="20" data-test="buyer-phone" />
            </a-form-item>
          </div>
          <a-form-item :label="$t('board.buyerAddress')" required :validate-status="deposit.state.errors.buyerAddress ? 'error' : ''" :help="deposit.state.errors.buyerAddress">
            <a-input v-model:value="deposit.values.buyerAddress" :maxlength="200" data-test="buyer-address" />
          </a-form-item>
          <a-form-item :label="$t('board.buyerPostcode')" required :validate-status="deposit.state.errors.buyerPostcode ? 'error' : ''" :help="deposit.state.errors.buyerPostcode">
            <a-input v-model:value="deposit.values.buyerPostcode" inputmode="numeric" :maxlength="6" data-test="buyer-postcode" />
          </a-form-item>
        </template>
        <problem-alert :problem="deposit.state.problem" class="gap" />
        <a-button type="primary" html-type="submit" block data-test="request-deposit" :loading="deposit.state.submitting">{{ $t('board.sendToFinance') }}</a-button>
      </a-form>
    </section>
  </div>`,
};

export const BoardView = {
  name: 'BoardView',
  components: { UnitGrid, UnitPanel },
  setup() {
    const { t } = useI18n();
    const site = store.site;
    const base = `/api/deals/sites/${seg(site)}`;
    const can = computed(() => abilities(store.user, site));
    const state = reactive({ buildings: [], building: null, board: null, problem: null, live: 'connecting', flashing: {}, selectedId: null, limits: null, activity: [] });
    const selected = computed(() => {
      if (!state.board || !state.selectedId) return null;
      for (const floor of state.board.floors) for (const unit of floor.units) if (unit.id === state.selectedId) return unit;
      return null;
    });

    async function loadBoard() {
      if (!state.building) return;
      try {
        state.board = await api.get(`${base}/buildings/${seg(state.building)}/board`);
        state.problem = null;
      } catch (error) {
        state.problem = error;
      }
    }
    async function load() {
      try {
        state.buildings = await api.get(`${base}/buildings`) || [];
        if (!state.building || !state.buildings.some((b) => b.code === state.building)) state.building = state.buildings[0]?.code || null;
        await loadBoard();
      } catch (error) {
        state.problem = error;
      }
    }
    watch(() => state.building, (now, before) => { if (before) loadBoard(); });

    const stop = new AbortController();
    onMounted(async () => {
      await load();
      follow(`${base}/unit-changes`, {
        signal: stop.signal,
        onState: (live) => {
          const missed = live === 'open' && (state.live === 'retrying' || state.live === 'paused');
          state.live = live;
          if (missed) loadBoard(); // what changed while the stream was down
        },
        onEvent: (event) => {
          if (event.event !== 'unit') return;
          const unit = JSON.parse(event.data);
          state.activity = [{ key: event.id || `${unit.id}@${unit.version}`, at: Date.now(), unit }, ...state.activity].slice(0, 30);
          if (applyUnit(state.board, unit)) {
            state.flashing = { ...state.flashing, [unit.id]: true };
            setTimeout(() => { const { [unit.id]: _, ...rest } = state.flashing; state.flashing = rest; }, 1500);
          }
        },
      });
      const settings = await policy().catch(() => null);
      if (settings) state.limits = { rep: settings.repDiscountPercent, manager: settings.managerDiscountPercent };
    });
    onUnmounted(() => stop.abort());

    const changed = (unit) => applyUnit(state.board, unit);

    // R-DEAL-1: a building and its price list, SALES_CONTROL or MANAGER
    const importing = ref(false);
    const file = ref(null);
    const priceList = useForm({
      key: null,
      initial: () => ({ building: undefined, newCode: '', newName: '', newProject: '', fileName: '' }),
      rules: {
        building: (v, f) => (v || f.newCode ? null : 'required'),
        newCode: (v, f) => (f.building ? null : textProblem(v, { required: !f.building, max: 8 })),
        newName: (v, f) => (f.building ? null : textProblem(v, { required: true, max: 50 })),
        fileName: (v) => (!v ? 'file' : !/\.(xlsx|csv)$/i.test(v) ? 'file' : file.value && file.value.size > MAX_FILE ? 'fileTooLarge' : null),
      },
      byType: {
        'building-code-invalid': 'newCode', 'building-exists': 'newCode', 'price-list-empty': 'fileName', 'price-list-unreadable': 'fileName',
        'price-list-too-large': 'fileName', 'body-too-large': 'fileName',
      },
      submit: async (v) => {
        let code = v.building;
        if (!code) {
          const made = await api.post(`${base}/buildings`, { code: v.newCode.trim(), name: v.newName.trim(), project: v.newProject.trim() || undefined });
          code = made.code;
          state.buildings = [...state.buildings, made];
          priceList.values.building = code;
        }
        const bytes = await file.value.arrayBuffer();
        const type = /\.xlsx$/i.test(v.fileName) ? XLSX : 'text/csv';
        const answer = await api.post(`${base}/buildings/${seg(code)}/price-list`, undefined, { body: bytes, contentType: type });
        state.building = code;
        await loadBoard();
        return answer;
      },
    });
    const pickFile = (event) => {
      file.value = event.target.files?.[0] || null;
      priceList.values.fileName = file.value ? file.value.name : '';
    };
    const buildingOptions = computed(() => state.buildings.map((b) => ({ value: b.code, label: `${b.name}（${b.code}）` })));
    const drawerWidth = computed(() => Math.min(480, window.innerWidth));
    const clock = (ms) => new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    const who = (unit) => unit.hold?.repName || unit.sale?.repName || unit.reservation?.byName || '';
    return { t, store, can, state, selected, load, changed, importing, priceList, pickFile, buildingOptions, drawerWidth, staffName, clock, who };
  },
  template: `
  <div class="screen board" data-test="board">
    <div class="screen-head">
      <h1>{{ $t('board.title') }} <span class="muted">{{ store.profile.name }}</span></h1>
      <div class="head-actions">
        <a-select v-if="state.buildings.length > 1" v-model:value="state.building" :options="buildingOptions" style="min-width: 10rem" data-test="building" />
        <a-tag :color="state.live === 'open' ? 'green' : 'orange'" data-test="live" :data-live="state.live">
          {{ state.live === 'open' ? $t('app.live') : state.live === 'retrying' ? $t('app.reconnecting') : $t('app.loading') }}</a-tag>
        <a-button v-if="can.manageInventory" data-test="import-price-list" @click="importing = true">{{ $t('board.import') }}</a-button>
        <a-button @click="load">{{ $t('app.refresh') }}</a-button>
      </div>
    </div>
    <problem-alert :problem="state.problem" />
    <div class="board-layout">
      <section class="panel">
        <h2 v-if="state.board">{{ state.board.name }} <span class="muted small">{{ state.board.project }}</span></h2>
        <a-empty v-if="!state.buildings.length && !state.problem" :description="$t('board.noBuildings')" />
        <unit-grid v-if="state.board" :board="state.board" :flashing="state.flashing" @select="(u) => (state.selectedId = u.id)" />
        <p class="muted small gap-top">{{ $t('board.hint') }}</p>
      </section>
      <section class="panel activity" data-test="activity">
        <h2>{{ $t('board.activity') }}</h2>
        <p v-if="!state.activity.length" class="muted small">{{ $t('board.noActivity') }}</p>
        <ol class="feed">
          <li v-for="a in state.activity" :key="a.key" :data-unit="a.unit.label">
            <span class="muted small">{{ clock(a.at) }}</span>
            <strong>{{ a.unit.label }}</strong>
            <unit-status-tag :status="a.unit.status" />
            <span class="small">{{ who(a.unit) }}</span>
          </li>
        </ol>
      </section>
    </div>

    <a-drawer :open="!!selected" :width="drawerWidth" :title="selected ? selected.label : ''" @close="state.selectedId = null" destroy-on-close>
      <unit-panel v-if="selected" :key="selected.id" :unit="selected" :limits="state.limits" @changed="changed" />
    </a-drawer>

    <a-modal v-model:open="importing" :title="$t('board.import')" :footer="null" destroy-on-close>
      <a-form layout="vertical" @submit="priceList.send()" data-test="price-list-form">
        <a-form-item :label="$t('board.building')" :validate-status="priceList.state.errors.building ? 'error' : ''" :help="priceList.state.errors.building">
          <a-select v-model:value="priceList.values.building" :options="buildingOptions" allow-clear :placeholder="$t('board.newBuilding')" data-test="import-building" />
        </a-form-item>
        <div v-if="!priceList.values.building" class="field-row">
          <a-form-item :label="$t('board.buildingCode')" :validate-status="priceList.state.errors.newCode ? 'error' : ''" :help="priceList.state.errors.newCode">
            <a-input v-model:value="priceList.values.newCode" :maxlength="8" data-test="new-building-code" />
          </a-form-item>
          <a-form-item :label="$t('board.buildingName')" :validate-status="priceList.state.errors.newName ? 'error' : ''" :help="priceList.state.errors.newName">
            <a-input v-model:value="priceList.values.newName" :maxlength="50" data-test="new-building-name" />
          </a-form-item>
        </div>
        <a-form-item :label="$t('board.file')" :validate-status="priceList.state.errors.fileName ? 'error' : ''" :help="priceList.state.errors.fileName || $t('board.fileHint')">
          <input type="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" data-test="price-list-file" @change="pickFile" />
        </a-form-item>
        <problem-alert :problem="priceList.state.problem" class="gap" />
        <a-alert v-if="priceList.state.result" type="success" show-icon class="gap" data-test="imported"
          :message="$t('board.imported', { n: priceList.state.result.imported })" />
        <a-button type="primary" html-type="submit" block data-test="upload" :loading="priceList.state.submitting">{{ $t('board.upload') }}</a-button>
      </a-form>
    </a-modal>
  </div>`,
};
