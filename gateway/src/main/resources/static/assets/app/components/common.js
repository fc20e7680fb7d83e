// Small pieces every screen uses: a problem shown where it happened, the note that a draft
// came back after signing in again, clocks that tick, status tags.
import { detailIn } from '../problems.js';
import { countdown, duration } from '../format.js';
import { signInAgain } from '../session.js';

const { computed, ref, onMounted, onUnmounted } = Vue;
const { useI18n } = VueI18n;

/** An API problem in the reader's language, with what to quote to support; a price list's row errors as a list. */
export const ProblemAlert = {
  name: 'ProblemAlert',
  props: { problem: { type: Object, default: null } },
  setup(props) {
    const { t, locale } = useI18n();
    const message = computed(() => (props.problem ? detailIn(props.problem.detail || props.problem.message, locale.value) : ''));
    const rows = computed(() => props.problem?.errors || []);
    const meta = computed(() => {
      const p = props.problem;
      if (!p) return '';
      const parts = [];
      if (p.status) parts.push(`HTTP ${p.status}`);
      if (p.correlationId) parts.push(t('problem.correlation', { id: p.correlationId }));
      return parts.join(' · ');
    });
    const signIn = () => signInAgain({ force: true });
    return { message, rows, meta, t, detailIn, locale, signIn };
  },
  template: `
    <a-alert v-if="problem" type="error" show-icon class="problem" data-test="problem" role="alert">
      <template #message><span data-test="problem-detail">{{ message }}</span></template>
      <template #description v-if="rows.length || meta">
        <ol v-if="rows.length" class="row-errors" data-test="row-errors">
          <li v-for="e in rows" :key="e.row + e.message" :data-row="e.row">{{ detailIn(e.message, locale) }}</li>
        </ol>
        <p v-if="meta" class="problem-meta">{{ meta }}</p>
      </template>
      <template #action v-if="problem.signIn">
        <a-button size="small" data-test="sign-in-again" @click="signIn">{{ $t('app.signInAgain') }}</a-button>
      </template>
    </a-alert>`,
};

/** Tells that the form holds what was typed before the session ended. */
export const DraftNote = {
  name: 'DraftNote',
  props: { form: { type: Object, required: true } },
  template: `
    <a-alert v-if="form.state.restored" type="info" show-icon class="draft-note" data-test="draft-restored"
      :message="$t('form.restored')">
      <template #action><a-button size="small" @click="form.reset()">{{ $t('form.discard') }}</a-button></template>
    </a-alert>`,
};

function useNow(periodMs = 1000) {
  const now = ref(Date.now());
  let timer;
  onMounted(() => { timer = setInterval(() => { now.value = Date.now(); }, periodMs); });
  onUnmounted(() => clearInterval(timer));
  return now;
}

/** Time left, counting down from what the server said at {@code since} (R-DEAL-2: a hold's time). */
export const Countdown = {
  name: 'Countdown',
  props: { seconds: { type: Number, default: null }, since: { type: Number, required: true } },
  setup(props) {
    const now = useNow();
    const left = computed(() => (props.seconds === null ? null : props.seconds - Math.floor((now.value - props.since) / 1000)));
    const text = computed(() => countdown(left.value));
    const urgent = computed(() => left.value !== null && left.value < 300);
    return { left, text, urgent };
  },
  template: `
    <span class="countdown" :class="{ urgent, over: seconds !== null && !text }" data-test="countdown" :data-left="left">
      <template v-if="seconds === null">—</template>
      <template v-else-if="text">{{ text }}</template>
      <template v-else>{{ $t('finance.expired') }}</template>
    </span>`,
};

/** How long since {@code seconds} ago (as of {@code since}): a wait, a reception. */
export const Elapsed = {
  name: 'Elapsed',
  props: { seconds: { type: Number, default: 0 }, since: { type: Number, required: true } },
  setup(props) {
    const { locale } = useI18n();
    const now = useNow(15_000);
    const text = computed(() => duration(props.seconds + Math.floor((now.value - props.since) / 1000), locale.value));
    return { text };
  },
  template: '<span class="elapsed">{{ text }}</span>',
};

/** The colours of the sales-control board (销控表) by unit status. */
export const UNIT_COLOURS = {
  AVAILABLE: '#389e0d',
  HELD: '#d48806',
  SMALL_DEPOSIT: '#d4380d',
  BIG_DEPOSIT: '#cf1322',
  CONTRACTED: '#531dab',
  RESERVED: '#595959',
};

export const UNIT_STATUSES = Object.keys(UNIT_COLOURS);

export const REP_COLOURS = { AVAILABLE: 'green', BUSY: 'orange', OUT: 'default' };

export const RepStatusTag = {
  name: 'RepStatusTag',
  props: { status: { type: String, required: true } },
  setup() {
    return { REP_COLOURS };
  },
  template: '<a-tag :color="REP_COLOURS[status]" :data-status="status">{{ $t(\'rep.status.\' + status) }}</a-tag>',
};

export const UnitStatusTag = {
  name: 'UnitStatusTag',
  props: { status: { type: String, required: true } },
  setup() {
    return { UNIT_COLOURS };
  },
  template: '<a-tag :color="UNIT_COLOURS[status]" :data-status="status">{{ $t(\'unit.status.\' + status) }}</a-tag>',
};

/** Registers the shared components on the application. */
/** A list the API's limit cut ({@code at} rows shown, useList's state.cut): says so, and to narrow the search. */
export const ListCut = {
  name: 'ListCut',
  props: { at: { type: Number, default: 0 } },
  template: `<a-alert v-if="at > 0" type="warning" show-icon class="gap" data-test="list-truncated" :data-limit="at"
    :message="$t('lists.truncated', { n: at })" />`,
};

export function registerCommon(app) {
  for (const component of [ProblemAlert, ListCut, DraftNote, Countdown, Elapsed, RepStatusTag, UnitStatusTag]) {
    app.component(component.name, component);
  }
}
