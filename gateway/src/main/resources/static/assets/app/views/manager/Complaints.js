// R-ATT-6: complaints that wait for a SUPERVISOR, who verifies or rejects each with a note.
import { api, seg } from '../../api.js';
import { store, zone } from '../../store.js';
import { useForm, useList } from '../../forms.js';
import { textProblem } from '../../validate.js';
import { dateTime } from '../../format.js';

const { ref, onMounted, toRefs } = Vue;
const { useI18n } = VueI18n;

export const Complaints = {
  name: 'Complaints',
  setup() {
    const { locale } = useI18n();
    const site = store.site;
    const { state, load } = useList(`/api/customers/sites/${seg(site)}/complaints`);
    const { items: list, problem } = toRefs(state);
    const chosen = ref(null);
    onMounted(load);
    const verdict = useForm({
      key: null,
      initial: () => ({ verified: true, note: '' }),
      rules: { note: (v) => textProblem(v, { max: 2000 }) },
      submit: async (v) => {
        const answer = await api.post(`/api/customers/sites/${seg(site)}/complaints/${seg(chosen.value.complaintId)}/verification`,
          { verified: v.verified, note: v.note.trim() || undefined });
        chosen.value = null;
        await load();
        return answer;
      },
    });
    const open = (item, verified) => {
      verdict.reset();
      verdict.values.verified = verified;
      chosen.value = item;
    };
    return { list, problem, chosen, verdict, open, dateTime, zone, locale };
  },
  template: `
  <div data-test="complaints">
    <problem-alert :problem="problem" />
    <a-empty v-if="!list.length" :description="$t('manager.noComplaints')" />
    <a-list v-else :data-source="list" data-test="complaint-list">
      <template #renderItem="{ item }">
        <a-list-item>
          <a-list-item-meta :description="item.text">
            <template #title>{{ $t('manager.complaintTitle', { customer: item.archiveNo + ' ' + (item.phone || ''), against: item.againstName, by: item.lodgedByName }) }}
              <span class="muted small">{{ dateTime(item.at, zone(), locale) }}</span></template>
          </a-list-item-meta>
          <a-space wrap>
            <a-button type="primary" size="small" @click="open(item, true)">{{ $t('manager.verify') }}</a-button>
            <a-button size="small" @click="open(item, false)">{{ $t('manager.reject') }}</a-button>
          </a-space>
        </a-list-item>
      </template>
    </a-list>
    <a-modal :open="!!chosen" :title="verdict.values.verified ? $t('manager.verify') : $t('manager.reject')" :footer="null" @cancel="chosen = null" destroy-on-close>
      <p>{{ verdict.values.verified ? $t('manager.verifyHint') : $t('manager.rejectHint') }}</p>
      <a-form layout="vertical" @submit="verdict.send()">
        <a-form-item :label="$t('field.note')" :validate-status="verdict.state.errors.note ? 'error' : ''" :help="verdict.state.errors.note">
          <a-textarea v-model:value="verdict.values.note" :rows="2" :maxlength="2000" />
        </a-form-item>
        <problem-alert :problem="verdict.state.problem" class="gap" />
        <a-button type="primary" html-type="submit" :loading="verdict.state.submitting">{{ $t('app.confirm') }}</a-button>
      </a-form>
    </a-modal>
  </div>`,
};
