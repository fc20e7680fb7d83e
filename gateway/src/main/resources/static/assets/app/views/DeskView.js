// 接待台 — the front desk (R-REC): the live rotation board, registering a walk-in with what
// the customer says and the answer in one sentence (who serves, and which rule decided it),
// seeing customers off, the call register, and event mode for the MANAGER.
import { api, seg } from '../api.js';
import { abilities } from '../access.js';
import { store, receivers, staffName, zone } from '../store.js';
import { useForm, useAction } from '../forms.js';
import { phoneProblem, textProblem } from '../validate.js';
import { time, duration, credit } from '../format.js';
import { detailIn } from '../problems.js';
import { RotationPanel } from '../components/RotationPanel.js';

const { ref, reactive, computed, onMounted, onUnmounted } = Vue;
const { useI18n } = VueI18n;

const REFRESH_MS = 10_000;

/** Which phone field of the walk-in a phone problem names (its detail quotes the number typed). */
function phoneField(problem, values) {
  const detail = problem.detail || '';
  for (const field of ['broughtByPhone', 'householdPhone']) {
    if (values[field] && detail.includes(String(values[field]).trim())) return field;
  }
  return 'phone';
}

export const VisitAnswer = {
  name: 'VisitAnswer',
  props: { visit: { type: Object, required: true } },
  setup() {
    const { locale } = useI18n();
    return { staffName, credit, locale, detailIn };
  },
  template: `
  <a-alert class="answer" :type="visit.state === 'WAITING' ? 'warning' : 'success'" show-icon data-test="visit-answer"
    :data-served-by="visit.servedBy" :data-visit-id="visit.visitId" :data-rule="visit.ruleId">
    <template #message>
      <span data-test="answer-sentence" v-if="visit.state === 'WAITING'">{{ $t('desk.answerWaiting', { customer: visit.customerName || visit.phone }) }}</span>
      <span data-test="answer-sentence" v-else-if="visit.channel === 'CALL'">{{ $t('desk.answerCall', { rep: staffName(visit.servedBy) }) }}</span>
      <span data-test="answer-sentence" v-else>{{ $t('desk.answerServed', { rep: staffName(visit.servedBy), customer: visit.customerName || visit.phone }) }}
        <a-tag v-if="visit.usedTurn" color="blue">{{ $t('desk.usedTurn') }}</a-tag>
        <a-tag v-else>{{ $t('desk.noTurn') }}</a-tag></span>
    </template>
    <template #description>
      <p class="rule" data-test="answer-rule"><a-tag v-if="visit.ruleId" color="geekblue">{{ visit.ruleId }}</a-tag>{{ visit.rule }}</p>
      <p v-if="visit.archiveNo" class="muted small">
        {{ $t('desk.archiveNo', { no: visit.archiveNo }) }}<span v-if="visit.newCustomer"> · {{ $t('desk.newCustomer') }}</span>
        <span v-if="visit.ownerRep"> · {{ $t('desk.owner', { rep: staffName(visit.ownerRep) }) }}</span>
      </p>
      <p v-if="visit.shares && visit.shares.length" class="muted small">{{ $t('desk.shares') }}
        <span v-for="s in visit.shares" :key="s.userId" class="share">{{ staffName(s.userId) }} {{ credit(s.credit, locale) }} / {{ s.bonusPercent }}%</span>
      </p>
      <p v-if="visit.attributionPending" class="muted small">{{ $t('desk.pending') }}</p>
    </template>
  </a-alert>`,
};

export const DeskView = {
  name: 'DeskView',
  components: { RotationPanel, VisitAnswer },
  setup() {
    const { t, locale } = useI18n();
    const site = store.site;
    const base = `/api/reception/sites/${seg(site)}`;
    const can = computed(() => abilities(store.user, site));
    const board = reactive({ rotation: null, loadedAt: Date.now(), problem: null, visits: [], visitsProblem: null });
    const staffOptions = computed(() => receivers().map((m) => ({ value: m.userId, label: m.name })));
    const me = store.user.id;
    const meReceives = computed(() => receivers().some((m) => m.userId === me));

    async function refresh() {
      try {
        const [rotation, visits] = await Promise.all([api.get(`${base}/rotation`), api.get(`${base}/visits`)]);
        board.rotation = rotation;
        board.visits = visits || [];
        board.loadedAt = Date.now();
        board.problem = null;
      } catch (error) {
        board.problem = error;
      }
    }
    let timer;
    onMounted(() => {
      refresh();
      timer = setInterval(() => { if (!document.hidden) refresh(); }, REFRESH_MS);
    });
    onUnmounted(() => clearInterval(timer));

    // flow 1: a walk-in, with what the customer says (R-REC-5)
    const visit = useForm({
      key: `visit:${site}`,
      initial: () => ({
        phone: '', name: '', firstVisit: '', namedReps: [], askedFor: undefined, refusesOwner: false, complaint: '',
        forgotRep: false, broughtByPhone: '', householdPhone: '', seekingDiscount: false, assignedTo: undefined, note: '',
      }),
      rules: {
        phone: (v) => phoneProblem(v),
        name: (v) => textProblem(v, { max: 50 }),
        broughtByPhone: (v) => phoneProblem(v, { required: false }),
        householdPhone: (v) => phoneProblem(v, { required: false }),
        complaint: (v) => textProblem(v, { max: 1000 }),
        note: (v) => textProblem(v, { max: 1000 }),
        namedReps: (v) => (v.length > 10 ? 'tooMany' : null),
      },
      byType: {
        'phone-invalid': (problem) => phoneField(problem, visit.values),
        'rep-unknown': 'namedReps',
        'not-a-receiving-rep': (problem) => (visit.values.assignedTo && problem.detail?.includes(visit.values.assignedTo) ? 'assignedTo' : 'askedFor'),
      },
      submit: async (v, requestId) => {
        const body = {
          requestId, phone: v.phone.trim(), name: v.name.trim() || undefined,
          firstVisit: v.firstVisit === 'yes' ? true : v.firstVisit === 'no' ? false : undefined,
          namedReps: v.namedReps.length ? v.namedReps : undefined, askedFor: v.askedFor || undefined,
          refusesOwner: v.refusesOwner || undefined, complaint: v.complaint.trim() || undefined, forgotRep: v.forgotRep || undefined,
          broughtByPhone: v.broughtByPhone.trim() || undefined, householdPhone: v.householdPhone.trim() || undefined,
          seekingDiscount: v.seekingDiscount || undefined, assignedTo: v.assignedTo || undefined, note: v.note.trim() || undefined,
        };
        const answer = await api.post(`${base}/visits`, body);
        refresh();
        return answer;
      },
    });
    const moreOpen = ref(visit.state.restored && (visit.values.complaint || visit.values.broughtByPhone
      || visit.values.householdPhone || visit.values.refusesOwner || visit.values.forgotRep || visit.values.seekingDiscount) ? ['more'] : []);

    // R-REC-3: the call register
    const call = useForm({
      key: `call:${site}`,
      initial: () => ({ phone: '', name: '', receivedBy: meReceives.value ? me : undefined, note: '' }),
      rules: {
        phone: (v) => phoneProblem(v),
        name: (v) => textProblem(v, { max: 50 }),
        note: (v) => textProblem(v, { max: 1000 }),
        receivedBy: (v) => (v ? null : 'required'),
      },
      byType: { 'phone-invalid': 'phone', 'rep-unknown': 'receivedBy', 'not-a-receiving-rep': 'receivedBy', 'call-of-another-rep': 'receivedBy' },
      submit: async (v, requestId) => {
        const answer = await api.post(`${base}/calls`, {
          requestId, phone: v.phone.trim(), name: v.name.trim() || undefined, receivedBy: v.receivedBy, note: v.note.trim() || undefined,
        });
        refresh();
        return answer;
      },
    });

    // the board's actions
    const action = useAction(async (kind, ...args) => {
      if (kind === 'see-off') await api.post(`${base}/visits/${seg(args[0])}/see-off`);
      if (kind === 'status') await api.put(`${base}/reps/${seg(args[0])}/status`, { status: args[1] });
      if (kind === 'leave') await api.post(`${base}/queue/${seg(args[0])}/departure`, {});
      if (kind === 'assign') await api.post(`${base}/queue/${seg(args[0])}/assignment`, { rep: args[1] });
      await refresh();
      return kind;
    });

    // R-REC-8: event mode, the MANAGER's
    const eventMode = useForm({
      key: null,
      initial: () => ({ reason: '' }),
      rules: { reason: (v) => textProblem(v, { max: 500 }) },
      submit: async (v) => {
        const rotation = await api.put(`${base}/event-mode`, { on: !board.rotation.eventMode, reason: v.reason.trim() || undefined });
        board.rotation = rotation;
        board.loadedAt = Date.now();
        return rotation;
      },
    });
    const eventModalOpen = ref(false);
    const toggleEventMode = async () => {
      const done = await eventMode.send();
      if (done) eventModalOpen.value = false;
    };

    const eventAssignable = computed(() => board.rotation?.eventMode && can.value.assignFromQueue);
    const registerColumns = computed(() => [
      { title: t('desk.col.time'), key: 'at', width: 70 },
      { title: t('desk.col.customer'), key: 'customer' },
      { title: t('desk.col.state'), key: 'state', width: 110 },
      { title: t('desk.col.rep'), key: 'rep', width: 90 },
      { title: t('desk.col.rule'), key: 'rule' },
    ]);
    return {
      t, locale, store, can, board, refresh, visit, moreOpen, call, action, staffOptions, eventMode, eventModalOpen, toggleEventMode,
      eventAssignable, registerColumns, staffName, time, duration, zone, meReceives,
    };
  },
  template: `
  <div class="screen desk" data-test="desk">
    <div class="screen-head">
      <h1>{{ $t('desk.title') }} <span class="muted">{{ store.profile.name }}</span></h1>
      <div class="head-actions">
        <a-button v-if="can.eventMode && board.rotation && board.rotation.order.length" data-test="event-mode"
          :type="board.rotation.eventMode ? 'primary' : 'default'" @click="eventModalOpen = true">
          {{ board.rotation.eventMode ? $t('desk.eventModeEnd') : $t('desk.eventModeStart') }}</a-button>
        <a-button @click="refresh" data-test="refresh">{{ $t('app.refresh') }}</a-button>
      </div>
    </div>
    <problem-alert :problem="board.problem" class="gap" />
    <div class="desk-layout">
      <div class="col">
        <section class="panel board-panel" style="order: 1" :aria-label="$t('desk.board')">
          <h2>{{ $t('desk.board') }}</h2>
          <div v-if="!board.rotation && !board.problem" class="loading"><a-spin /></div>
          <rotation-panel v-if="board.rotation" :rotation="board.rotation" :loaded-at="board.loadedAt" :can="can" :busy="action.state.busy"
            @see-off="(id) => action.act('see-off', id)" @status="(rep, s) => action.act('status', rep, s)"
            @leave="(id) => action.act('leave', id)" @assign="(id, rep) => action.act('assign', id, rep)" />
          <problem-alert :problem="action.state.problem" class="gap" />
        </section>

        <section class="panel" style="order: 4" :aria-label="$t('desk.registers')">
          <h2>{{ $t('desk.registers') }} <a-badge :count="board.visits.length" show-zero :number-style="{ backgroundColor: '#0b5563' }" /></h2>
          <a-table :columns="registerColumns" :data-source="board.visits" row-key="visitId" size="small" :pagination="{ pageSize: 10, hideOnSinglePage: true }"
            :scroll="{ x: 720 }" data-test="register">
            <template #bodyCell="{ column, record }">
              <template v-if="column.key === 'at'">{{ time(record.at, zone()) }}</template>
              <template v-else-if="column.key === 'customer'">
                <span :data-test="'register-row'" :data-visit-id="record.visitId" :data-served-by="record.servedBy">
                  <a-tag v-if="record.channel === 'CALL'" color="purple">{{ $t('desk.callTag') }}</a-tag>
                  {{ record.customerName || '—' }} <span class="muted">{{ record.phone }}</span></span>
              </template>
              <template v-else-if="column.key === 'state'">{{ record.stateName }}
                <div v-if="record.durationSeconds" class="muted small">{{ duration(record.durationSeconds, locale) }}</div>
                <div v-else-if="record.waitedSeconds" class="muted small">{{ $t('desk.waited') }} {{ duration(record.waitedSeconds, locale) }}</div></template>
              <template v-else-if="column.key === 'rep'">{{ record.servedBy ? staffName(record.servedBy) : '—' }}</template>
              <template v-else-if="column.key === 'rule'"><a-tag v-if="record.ruleId" color="geekblue">{{ record.ruleId }}</a-tag><span class="small">{{ record.rule }}</span></template>
            </template>
          </a-table>
        </section>
      </div>
      <div class="col">
        <section v-if="can.registerVisit" class="panel" style="order: 2" :aria-label="$t('desk.walkIn')">
          <h2>{{ $t('desk.walkIn') }}</h2>
          <draft-note :form="visit" />
          <a-form layout="vertical" data-test="walk-in" @submit="visit.send()">
            <div class="field-row">
              <a-form-item :label="$t('field.phone')" required :validate-status="visit.state.errors.phone ? 'error' : ''" :help="visit.state.errors.phone">
                <a-input v-model:value="visit.values.phone" data-test="visit-phone" inputmode="tel" autocomplete="off" :maxlength="40" placeholder="138 0013 8000" />
              </a-form-item>
              <a-form-item :label="$t('field.customerName')" :validate-status="visit.state.errors.name ? 'error' : ''" :help="visit.state.errors.name">
                <a-input v-model:value="visit.values.name" data-test="visit-name" :maxlength="50" />
              </a-form-item>
            </div>
            <a-form-item :label="$t('desk.firstVisit')">
              <a-radio-group v-model:value="visit.values.firstVisit" data-test="visit-first" button-style="solid">
                <a-radio-button value="yes">{{ $t('desk.firstYes') }}</a-radio-button>
                <a-radio-button value="no">{{ $t('desk.firstNo') }}</a-radio-button>
                <a-radio-button value="">{{ $t('desk.firstUnknown') }}</a-radio-button>
              </a-radio-group>
            </a-form-item>
            <div class="field-row">
              <a-form-item :label="$t('desk.namedReps')" :validate-status="visit.state.errors.namedReps ? 'error' : ''" :help="visit.state.errors.namedReps || $t('desk.namedRepsHelp')">
                <a-select v-model:value="visit.values.namedReps" mode="multiple" :options="staffOptions" data-test="visit-named" allow-clear />
              </a-form-item>
              <a-form-item :label="$t('desk.askedFor')" :help="$t('desk.askedForHelp')">
                <a-select v-model:value="visit.values.askedFor" :options="staffOptions" data-test="visit-asked" allow-clear />
              </a-form-item>
            </div>
            <a-collapse v-model:active-key="moreOpen" ghost class="more">
              <a-collapse-panel key="more" :header="$t('desk.more')">
                <a-form-item><a-checkbox v-model:checked="visit.values.refusesOwner" data-test="visit-refuses">{{ $t('desk.refusesOwner') }}</a-checkbox></a-form-item>
                <a-form-item :label="$t('desk.complaint')" :validate-status="visit.state.errors.complaint ? 'error' : ''" :help="visit.state.errors.complaint || $t('desk.complaintHelp')">
                  <a-textarea v-model:value="visit.values.complaint" :rows="2" :maxlength="1000" data-test="visit-complaint" />
                </a-form-item>
                <a-form-item><a-checkbox v-model:checked="visit.values.forgotRep" data-test="visit-forgot">{{ $t('desk.forgotRep') }}</a-checkbox></a-form-item>
                <a-form-item><a-checkbox v-model:checked="visit.values.seekingDiscount">{{ $t('desk.seekingDiscount') }}</a-checkbox></a-form-item>
                <div class="field-row">
                  <a-form-item :label="$t('desk.household')" :validate-status="visit.state.errors.householdPhone ? 'error' : ''" :help="visit.state.errors.householdPhone">
                    <a-input v-model:value="visit.values.householdPhone" inputmode="tel" :maxlength="40" data-test="visit-household" />
                  </a-form-item>
                  <a-form-item :label="$t('desk.broughtBy')" :validate-status="visit.state.errors.broughtByPhone ? 'error' : ''" :help="visit.state.errors.broughtByPhone">
                    <a-input v-model:value="visit.values.broughtByPhone" inputmode="tel" :maxlength="40" data-test="visit-brought" />
                  </a-form-item>
                </div>
              </a-collapse-panel>
            </a-collapse>
            <a-form-item v-if="eventAssignable" :label="$t('desk.assignTo')" :help="$t('desk.assignHelp')">
              <a-select v-model:value="visit.values.assignedTo" :options="staffOptions" allow-clear data-test="visit-assign" />
            </a-form-item>
            <a-form-item :label="$t('field.note')" :validate-status="visit.state.errors.note ? 'error' : ''" :help="visit.state.errors.note">
              <a-input v-model:value="visit.values.note" :maxlength="1000" />
            </a-form-item>
            <problem-alert :problem="visit.state.problem" class="gap" />
            <a-button type="primary" html-type="submit" block size="large" data-test="register-visit" :loading="visit.state.submitting">{{ $t('desk.register') }}</a-button>
          </a-form>
          <visit-answer v-if="visit.state.result" :visit="visit.state.result" class="gap-top" />
        </section>
        <section v-if="can.registerCall" class="panel" style="order: 3" :aria-label="$t('desk.call')">
          <h2>{{ $t('desk.call') }}</h2>
          <draft-note :form="call" />
          <a-form layout="vertical" data-test="call" @submit="call.send()">
            <div class="field-row">
              <a-form-item :label="$t('field.phone')" required :validate-status="call.state.errors.phone ? 'error' : ''" :help="call.state.errors.phone">
                <a-input v-model:value="call.values.phone" inputmode="tel" :maxlength="40" data-test="call-phone" />
              </a-form-item>
              <a-form-item :label="$t('field.customerName')" :validate-status="call.state.errors.name ? 'error' : ''" :help="call.state.errors.name">
                <a-input v-model:value="call.values.name" :maxlength="50" data-test="call-name" />
              </a-form-item>
            </div>
            <a-form-item :label="$t('desk.takenBy')" required :validate-status="call.state.errors.receivedBy ? 'error' : ''" :help="call.state.errors.receivedBy">
              <a-select v-model:value="call.values.receivedBy" :options="staffOptions" data-test="call-rep" :disabled="!can.callForOthers" />
            </a-form-item>
            <a-form-item :label="$t('field.note')" :validate-status="call.state.errors.note ? 'error' : ''" :help="call.state.errors.note">
              <a-input v-model:value="call.values.note" :maxlength="1000" />
            </a-form-item>
            <problem-alert :problem="call.state.problem" class="gap" />
            <a-button html-type="submit" block data-test="register-call" :loading="call.state.submitting">{{ $t('desk.registerCall') }}</a-button>
          </a-form>
          <visit-answer v-if="call.state.result" :visit="call.state.result" class="gap-top" />
        </section>

      </div>
    </div>

    <a-modal v-model:open="eventModalOpen" :title="board.rotation && board.rotation.eventMode ? $t('desk.eventModeEnd') : $t('desk.eventModeStart')"
      :confirm-loading="eventMode.state.submitting" @ok="toggleEventMode" :ok-text="$t('app.confirm')" :cancel-text="$t('app.cancel')">
      <p>{{ board.rotation && board.rotation.eventMode ? $t('desk.eventModeEndHint') : $t('desk.eventModeStartHint') }}</p>
      <a-form layout="vertical">
        <a-form-item :label="$t('field.reason')" :validate-status="eventMode.state.errors.reason ? 'error' : ''" :help="eventMode.state.errors.reason">
          <a-input v-model:value="eventMode.values.reason" :maxlength="500" data-test="event-reason" />
        </a-form-item>
      </a-form>
      <problem-alert :problem="eventMode.state.problem" />
    </a-modal>
  </div>`,
};
