// The desk's board (R-REC-1, 2, 8, 9): who is up and on deck, the whole order with each rep's
// status, owed turns and customer, and the waiting queue with each wait. Read-only unless
// the screen passes what the user may do.

import { staffName } from '../store.js';

const { computed } = Vue;

export const RotationPanel = {
  name: 'RotationPanel',
  props: {
    rotation: { type: Object, required: true },
    loadedAt: { type: Number, required: true },
    can: { type: Object, default: null },
    busy: { type: Boolean, default: false },
    compact: { type: Boolean, default: false },
    /** the site's roster, for names (the chosen site's when not given) */
    staff: { type: Array, default: null },
  },
  emits: ['see-off', 'status', 'leave', 'assign'],
  setup(props) {
    const freeReps = computed(() => props.rotation.order.filter((r) => r.status === 'AVAILABLE')
      .map((r) => ({ value: r.userId, label: r.name })));
    const nameOf = (id) => props.staff?.find((m) => m.userId === id)?.name || staffName(id);
    return { freeReps, nameOf };
  },
  template: `
  <div class="rotation" data-test="rotation" :data-day="rotation.day">
    <a-alert v-if="rotation.eventMode" type="warning" show-icon class="gap" data-test="event-mode-on"
      :message="$t('desk.eventModeOn')" :description="can && can.assignFromQueue ? $t('desk.eventModeAssign') : ''" />
    <a-empty v-if="!rotation.order.length" :description="$t('desk.noRotation')" data-test="rotation-empty" />
    <template v-else>
      <div class="duty">
        <div class="duty-up">
          <span class="label">{{ $t('desk.up') }}</span>
          <strong data-test="rotation-up" :data-user-id="rotation.up && rotation.up.userId">{{ rotation.up ? rotation.up.name : $t('desk.nobodyFree') }}</strong>
        </div>
        <div class="duty-next">
          <span class="label">{{ $t('desk.onDeck') }}</span>
          <strong data-test="rotation-on-deck" :data-user-id="rotation.onDeck && rotation.onDeck.userId">{{ rotation.onDeck ? rotation.onDeck.name : '—' }}</strong>
        </div>
      </div>
      <ol class="order" data-test="rotation-order">
        <li v-for="(rep, i) in rotation.order" :key="rep.userId" class="rep" :data-user-id="rep.userId" :data-status="rep.status">
          <span class="pos">{{ i + 1 }}</span>
          <span class="rep-name">{{ rep.name }}</span>
          <rep-status-tag :status="rep.status" />
          <a-tag v-if="rep.owed" color="blue" data-test="owed">{{ $t('desk.owed', { n: rep.owed }) }}</a-tag>
          <span v-if="rep.serving" class="serving" data-test="serving">
            {{ $t('desk.serving', { customer: rep.serving.customer || $t('desk.customer') }) }}
            · <elapsed :seconds="rep.serving.minutes * 60" :since="loadedAt" />
          </span>
          <span v-if="can && !compact" class="rep-actions">
            <a-button v-if="rep.serving && can.seeOff({ servedBy: rep.userId })" size="small" type="primary" ghost
              data-test="see-off" :disabled="busy" @click="$emit('see-off', rep.serving.visitId)">{{ $t('desk.seeOff') }}</a-button>
            <a-button v-if="rep.status === 'AVAILABLE' && can.repStatus(rep.userId)" size="small" data-test="go-out"
              :disabled="busy" @click="$emit('status', rep.userId, 'OUT')">{{ $t('desk.goOut') }}</a-button>
            <a-button v-if="rep.status === 'OUT' && can.repStatus(rep.userId)" size="small" data-test="come-back"
              :disabled="busy" @click="$emit('status', rep.userId, 'AVAILABLE')">{{ $t('desk.comeBack') }}</a-button>
          </span>
        </li>
      </ol>
      <h3 class="subhead">{{ $t('desk.queue') }} <a-badge :count="rotation.queue.length" :number-style="{ backgroundColor: '#d48806' }" show-zero /></h3>
      <p v-if="!rotation.queue.length" class="muted" data-test="queue-empty">{{ $t('desk.queueEmpty') }}</p>
      <ol v-else class="queue" data-test="rotation-queue">
        <li v-for="w in rotation.queue" :key="w.visitId" :data-visit-id="w.visitId">
          <span class="pos">{{ w.position }}</span>
          <span class="customer">{{ w.customer || $t('desk.customer') }}</span>
          <a-tag v-if="w.newCustomer" color="cyan">{{ $t('desk.newCustomer') }}</a-tag>
          <span v-if="w.preferredName" class="muted">{{ $t('desk.waitsFor', { rep: w.preferredName }) }}</span>
          <span class="wait">{{ $t('desk.waited') }} <elapsed :seconds="w.waitedSeconds" :since="loadedAt" /></span>
          <span v-if="can && !compact" class="rep-actions">
            <a-select v-if="rotation.eventMode && can.assignFromQueue" size="small" class="assign" data-test="assign"
              :placeholder="$t('desk.assignTo')" :options="freeReps" :disabled="busy || !freeReps.length"
              @change="(rep) => $emit('assign', w.visitId, rep)" />
            <a-popconfirm v-if="can.leaveQueue" :title="$t('desk.leaveConfirm')" @confirm="$emit('leave', w.visitId)">
              <a-button size="small" data-test="leave" :disabled="busy">{{ $t('desk.left') }}</a-button>
            </a-popconfirm>
          </span>
        </li>
      </ol>
      <p class="muted small" v-if="rotation.setBy">{{ $t('desk.setBy', { name: nameOf(rotation.setBy) }) }}</p>
    </template>
  </div>`,
};
