// 成交客户档案 — the deal archive (R-CUS-7): the customers who bought (成交), the owners (业主) and the owners
// who referred others (老带新介绍人), newest first, a page at a time, for revisits; each with the units
// of their deals and where each stands. The archive's readers see it: sales staff, the ASSISTANT, head
// office (SearchingArchive.dealArchive); phones masked as the API gives them (R-SEC-3).
import { seg } from '../../api.js';
import { store, staffName, zone } from '../../store.js';
import { useList } from '../../forms.js';
import { dealUnits } from '../../lists.js';
import { dateTime } from '../../format.js';

const { onMounted } = Vue;
const { useI18n } = VueI18n;

const SIZE = 20;

export const DealArchive = {
  name: 'DealArchive',
  setup() {
    const { locale } = useI18n();
    const site = store.site;
    const base = `/api/customers/sites/${seg(site)}/deal-archive`;
    const { state, load } = useList(() => `${base}?page=${state.at}&size=${SIZE}`, { at: 0, page: null });
    onMounted(load);
    const turn = (page) => { state.at = page - 1; load(); };
    return { state, turn, dealUnits, staffName, dateTime, zone, locale };
  },
  template: `
  <div data-test="deal-archive">
    <h2 data-test="deal-archive-heading">{{ $t('dealArchive.title') }}</h2>
    <p class="muted small">{{ $t('dealArchive.hint') }}</p>
    <problem-alert :problem="state.problem" />
    <p v-if="state.page" class="muted small" data-test="deal-archive-total" :data-total="state.page.total">{{ $t('customers.found', { n: state.page.total }) }}</p>
    <a-empty v-if="!state.items.length" :description="$t('dealArchive.none')" />
    <a-list v-else :data-source="state.items" size="small">
      <template #renderItem="{ item }">
        <a-list-item data-test="deal-archive-customer" :data-archive-no="item.archiveNo" :data-status="item.status">
          <a-list-item-meta>
            <template #title><router-link :to="'/customers/' + encodeURIComponent(item.customerId)">{{ item.name || item.archiveNo }}</router-link>
              <a-tag :color="item.status === 'DEAL' ? 'volcano' : 'purple'">{{ $t('card.status.' + item.status) }}</a-tag>
              <span class="muted small"> {{ item.archiveNo }} · {{ (item.phones || []).join('、') }} · {{ item.ownerName || staffName(item.owner) }}</span></template>
            <template #description>
              <span v-for="d in dealUnits(item.deals)" :key="d.dealId" class="deal-unit" data-test="deal-unit" :data-stage="d.stage || ''">
                {{ [d.unitLabel || '—', d.stage ? $t('dealArchive.stages.' + d.stage) : '', d.at ? dateTime(d.at, zone(), locale) : ''].filter(Boolean).join(' · ') }}{{ d.changes.map((c) => '；' + c).join('') }}<br />
              </span>
              <span v-if="!(item.deals || []).length" class="muted">{{ $t('dealArchive.noDeals') }}</span>
            </template>
          </a-list-item-meta>
        </a-list-item>
      </template>
    </a-list>
    <a-pagination v-if="state.page && state.page.total > state.page.size" :current="state.page.page + 1" :total="state.page.total"
      :page-size="state.page.size" size="small" @change="turn" class="gap-top" data-test="deal-archive-pages" />
  </div>`,
};
