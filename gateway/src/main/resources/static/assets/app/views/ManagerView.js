// 销售管理 — the manager's screen (R-REC-1, 4, 8, R-ATT-6, 15, 16, section P, R-SEC-4): setting
// the rotation, complaints to verify, disputes to rule, violations, redistribution draws,
// walk-ins whose attribution is pending, policy settings from a day on, the audit trail and
// its verification; the SUPERVISOR's check of overdue follow-ups and the evening meeting's record
// (R-CUS-5, R-OPS-1). Each part shows only to the roles that may use it (a SUPERVISOR sees
// complaints, disputes and violations; ADMIN the policies and the audit trail).
import { abilities } from '../access.js';
import { store } from '../store.js';
import { RotationEditor } from './manager/RotationEditor.js';
import { Complaints } from './manager/Complaints.js';
import { Disputes } from './manager/Disputes.js';
import { Violations } from './manager/Violations.js';
import { Redistribution } from './manager/Redistribution.js';
import { Pending } from './manager/Pending.js';
import { Policies } from './manager/Policies.js';
import { Audit } from './manager/Audit.js';
import { Overdue } from './manager/Overdue.js';
import { Meeting } from './manager/Meeting.js';
import { Targets } from './manager/Targets.js';

const { ref, computed } = Vue;
const { useRoute, useRouter } = VueRouter;

export const ManagerView = {
  name: 'ManagerView',
  components: { RotationEditor, Complaints, Disputes, Violations, Redistribution, Pending, Policies, Audit, Overdue, Meeting, Targets },
  setup() {
    const route = useRoute();
    const router = useRouter();
    const can = computed(() => abilities(store.user, store.site));
    const tabs = computed(() => [
      { key: 'rotation', show: can.value.setRotation },
      { key: 'complaints', show: can.value.verifyComplaints },
      { key: 'disputes', show: can.value.disputes },
      { key: 'violations', show: can.value.violations },
      { key: 'overdue', show: can.value.overdueCheck },
      { key: 'meeting', show: can.value.overdueCheck && can.value.readMeeting },
      { key: 'targets', show: can.value.managerReports },
      { key: 'redistribution', show: can.value.redistribute },
      { key: 'pending', show: can.value.pendingAttributions },
      { key: 'policies', show: can.value.policies },
      { key: 'audit', show: can.value.audit },
    ].filter((tab) => tab.show));
    const active = ref(tabs.value.some((t) => t.key === route.query.tab) ? route.query.tab : tabs.value[0]?.key);
    const choose = (key) => {
      active.value = key;
      router.replace({ query: { ...route.query, tab: key } });
    };
    return { store, tabs, active, choose };
  },
  template: `
  <div class="screen manager" data-test="manager">
    <div class="screen-head"><h1>{{ $t('manager.title') }} <span class="muted">{{ store.profile.name }}</span></h1></div>
    <section class="panel">
      <a-tabs :active-key="active" @change="choose" data-test="manager-tabs">
        <a-tab-pane v-for="tab in tabs" :key="tab.key" :tab="$t('manager.tabs.' + tab.key)">
          <rotation-editor v-if="tab.key === 'rotation'" />
          <complaints v-else-if="tab.key === 'complaints'" />
          <disputes v-else-if="tab.key === 'disputes'" />
          <violations v-else-if="tab.key === 'violations'" />
          <overdue v-else-if="tab.key === 'overdue'" />
          <meeting v-else-if="tab.key === 'meeting'" />
          <targets v-else-if="tab.key === 'targets'" />
          <redistribution v-else-if="tab.key === 'redistribution'" />
          <pending v-else-if="tab.key === 'pending'" />
          <policies v-else-if="tab.key === 'policies'" />
          <audit v-else-if="tab.key === 'audit'" />
        </a-tab-pane>
      </a-tabs>
    </section>
  </div>`,
};
