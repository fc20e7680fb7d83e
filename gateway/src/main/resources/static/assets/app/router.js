// The screens' addresses (history mode: the gateway answers each with the application's page).
import { homeScreen, SCREENS } from './access.js';
import { store } from './store.js';
import { DeskView } from './views/DeskView.js';
import { WorkspaceView } from './views/WorkspaceView.js';
import { CustomerView } from './views/CustomerView.js';
import { BoardView } from './views/BoardView.js';
import { FinanceView } from './views/FinanceView.js';
import { ManagerView } from './views/ManagerView.js';
import { HeadOfficeView } from './views/HeadOfficeView.js';
import { CustomersView } from './views/CustomersView.js';
import { DealsView } from './views/DealsView.js';
import { ReportsView } from './views/ReportsView.js';

const { createRouter, createWebHistory } = VueRouter;

const NotFound = {
  template: `<a-result status="404" :title="$t('app.notFound')" data-test="not-found">
    <template #extra><router-link to="/">{{ $t('app.home') }}</router-link></template></a-result>`,
};

export function makeRouter() {
  const home = () => {
    const screen = SCREENS.find((s) => s.name === homeScreen(store.user));
    return screen ? screen.path : '/nothing';
  };
  return createRouter({
    history: createWebHistory(),
    routes: [
      { path: '/', redirect: home },
      { path: '/desk', component: DeskView, meta: { screen: 'desk' } },
      { path: '/mine', component: WorkspaceView, meta: { screen: 'mine' } },
      { path: '/customers', component: CustomersView, meta: { screen: 'customers' } },
      { path: '/deals', component: DealsView, meta: { screen: 'deals' } },
      { path: '/reports', component: ReportsView, meta: { screen: 'reports' } },
      { path: '/customers/:id', component: CustomerView, props: true, meta: {} },
      { path: '/board', component: BoardView, meta: { screen: 'board' } },
      { path: '/finance', component: FinanceView, meta: { screen: 'finance' } },
      { path: '/manager', component: ManagerView, meta: { screen: 'manager' } },
      { path: '/hq', component: HeadOfficeView, meta: { screen: 'hq' } },
      { path: '/:rest(.*)*', component: NotFound },
    ],
  });
}
