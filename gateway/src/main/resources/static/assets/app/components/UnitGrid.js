// The sales-control board (销控表) of a building: floors from the top, each unit a tile in its
// status's colour with its number and status written on it (colour is never the only sign).
import { UNIT_COLOURS, UNIT_STATUSES } from './common.js';

const { computed } = Vue;

export const UnitGrid = {
  name: 'UnitGrid',
  props: {
    board: { type: Object, required: true },
    flashing: { type: Object, default: () => ({}) },
    selectable: { type: Boolean, default: true },
  },
  emits: ['select'],
  setup(props) {
    const counts = computed(() => {
      const out = Object.fromEntries(UNIT_STATUSES.map((s) => [s, 0]));
      for (const floor of props.board.floors) for (const unit of floor.units) out[unit.status] = (out[unit.status] || 0) + 1;
      return out;
    });
    return { UNIT_COLOURS, UNIT_STATUSES, counts };
  },
  template: `
  <div class="unit-grid" data-test="unit-grid" :data-building="board.building">
    <div class="legend gap" data-test="legend">
      <span v-for="s in UNIT_STATUSES" :key="s" :data-status="s" :data-count="counts[s]">
        <span class="swatch" :style="{ background: UNIT_COLOURS[s] }"></span>{{ $t('unit.status.' + s) }} {{ counts[s] }}
      </span>
    </div>
    <div class="floors">
      <div v-for="floor in board.floors" :key="floor.floor" class="floor" :data-floor="floor.floor">
        <span class="floor-no">{{ floor.floor }}F</span>
        <button v-for="unit in floor.units" :key="unit.id" type="button" class="unit" :class="{ flash: flashing[unit.id] }"
          :style="{ background: UNIT_COLOURS[unit.status] }" :data-unit="unit.label" :data-unit-id="unit.id" :data-status="unit.status"
          data-test="unit" :disabled="!selectable" @click="$emit('select', unit)"
          :aria-label="unit.label + ' ' + $t('unit.status.' + unit.status)">
          <span class="no">{{ unit.number }}</span>
          <span class="st">{{ $t('unit.status.' + unit.status) }}</span>
        </button>
      </div>
    </div>
  </div>`,
};

/** Puts a unit that changed into a board (the stream's newer version wins); answers whether it was there. */
export function applyUnit(board, unit) {
  if (!board || unit.building !== board.building) return false;
  for (const floor of board.floors) {
    const index = floor.units.findIndex((u) => u.id === unit.id);
    if (index >= 0) {
      if ((floor.units[index].version ?? -1) <= (unit.version ?? 0)) floor.units.splice(index, 1, unit);
      return true;
    }
  }
  return false;
}
