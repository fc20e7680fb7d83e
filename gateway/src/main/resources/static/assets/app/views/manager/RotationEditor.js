// R-REC-1: the MANAGER sets who is on duty on a day and in what order; the first receives the
// next new customer. Today's or a later day (a past day's rotation is history).
import { api, seg } from '../../api.js';
import { store, receivingStaff, siteToday } from '../../store.js';
import { useForm } from '../../forms.js';
import { day as formatDay } from '../../format.js';

const { ref, computed, watch, onMounted } = Vue;
const { useI18n } = VueI18n;

export const RotationEditor = {
  name: 'RotationEditor',
  setup() {
    const { locale } = useI18n();
    const site = store.site;
    const today = siteToday();
    const day = ref(window.dayjs(today));
    const current = ref(null);
    const problem = ref(null);
    const candidates = computed(() => receivingStaff());
    const form = useForm({
      key: `rotation:${site}`,
      initial: () => ({ day: today, reps: [] }),
      rules: {
        day: (v) => (!v ? 'day' : v < today ? 'notPast' : null),
        reps: (v) => (v.length ? null : 'required'),
      },
      byType: { 'rotation-in-the-past': 'day', 'rep-unknown': 'reps', 'rep-twice': 'reps', 'rep-not-receiving': 'reps', 'rep-not-on-duty': 'reps' },
      submit: async (v) => {
        const answer = await api.put(`/api/reception/sites/${seg(site)}/rotations/${v.day}`, { reps: v.reps });
        current.value = answer;
        return answer;
      },
      keep: true,
    });
    async function load() {
      problem.value = null;
      try {
        current.value = await api.get(`/api/reception/sites/${seg(site)}/rotations/${form.values.day}`);
        if (!form.state.restored) form.values.reps = current.value.order.map((r) => r.userId);
      } catch (error) {
        problem.value = error;
      }
    }
    onMounted(() => {
      if (form.state.restored) day.value = window.dayjs(form.values.day);
      load();
    });
    watch(day, (value) => {
      form.values.day = value ? value.format('YYYY-MM-DD') : '';
      form.state.restored = false;
      if (form.values.day) load();
    });
    const name = (id) => candidates.value.find((m) => m.userId === id)?.name || id;
    const toggle = (id, on) => {
      form.values.reps = on ? [...form.values.reps, id] : form.values.reps.filter((r) => r !== id);
    };
    const move = (index, by) => {
      const reps = [...form.values.reps];
      const [rep] = reps.splice(index, 1);
      reps.splice(index + by, 0, rep);
      form.values.reps = reps;
    };
    const disabledDate = (d) => d && d.format('YYYY-MM-DD') < today;
    return { day, current, problem, candidates, form, name, toggle, move, disabledDate, formatDay, locale };
  },
  template: `
  <div data-test="rotation-editor">
    <p class="muted">{{ $t('manager.rotationHint') }}</p>
    <a-form layout="vertical" @submit="form.send()">
      <a-form-item :label="$t('manager.day')" :validate-status="form.state.errors.day ? 'error' : ''" :help="form.state.errors.day || formatDay(form.values.day, locale)">
        <a-date-picker v-model:value="day" :disabled-date="disabledDate" :allow-clear="false" data-test="rotation-day" />
      </a-form-item>
      <draft-note :form="form" />
      <problem-alert :problem="problem" />
      <div class="columns">
        <a-form-item :label="$t('manager.onDuty')">
          <div v-for="m in candidates" :key="m.userId">
            <a-checkbox :checked="form.values.reps.includes(m.userId)" :data-user-id="m.userId" data-test="on-duty"
              @change="(e) => toggle(m.userId, e.target.checked)">{{ m.name }} <span class="muted small">{{ $t('role.' + m.role) }}</span></a-checkbox>
          </div>
        </a-form-item>
        <a-form-item :label="$t('manager.order')" :validate-status="form.state.errors.reps ? 'error' : ''" :help="form.state.errors.reps">
          <ol class="order" data-test="editor-order">
            <li v-for="(rep, i) in form.values.reps" :key="rep" :data-user-id="rep">
              <span class="pos">{{ i + 1 }}</span><span class="rep-name">{{ name(rep) }}</span>
              <span class="rep-actions">
                <a-button size="small" :disabled="i === 0" @click="move(i, -1)" :aria-label="$t('manager.up')">↑</a-button>
                <a-button size="small" :disabled="i === form.values.reps.length - 1" @click="move(i, 1)" :aria-label="$t('manager.down')">↓</a-button>
              </span>
            </li>
          </ol>
          <p v-if="!form.values.reps.length" class="muted">{{ $t('manager.noneChosen') }}</p>
        </a-form-item>
      </div>
      <problem-alert :problem="form.state.problem" class="gap" />
      <a-alert v-if="form.state.result" type="success" show-icon class="gap" data-test="rotation-saved" :message="$t('manager.rotationSaved')" />
      <a-button type="primary" html-type="submit" :loading="form.state.submitting" data-test="save-rotation">{{ $t('manager.saveRotation') }}</a-button>
    </a-form>
  </div>`,
};
