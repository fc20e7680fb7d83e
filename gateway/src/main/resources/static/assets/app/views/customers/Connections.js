// 核心人物与交叉合作 — connections (R-CUS-12): the site's key persons (核心人物), each at the centre of a circle
// (a chamber of commerce, a company, a neighbourhood), or, with an industry, the customers of that industry
// to introduce to one another (交叉合作), from their care profiles (R-CUS-8). The site's sales staff read it
// (SALES, a SUPERVISOR, the MANAGER; CaringForCustomers.connections). Each row names the customer, phone masked
// as the API gives it (R-SEC-3); the industry is found by a part of it, any case; a list the API cut says so.
import { seg } from '../../api.js';
import { store, staffName, zone } from '../../store.js';
import { useList } from '../../forms.js';
import { dateTime } from '../../format.js';

const { reactive, onMounted } = Vue;
const { useI18n } = VueI18n;

export const Connections = {
  name: 'Connections',
  setup() {
    const { locale } = useI18n();
    const site = store.site;
    const base = `/api/customers/sites/${seg(site)}/connections`;
    const search = reactive({ industry: '' });
    // the industry the list shows, once read: the heading says which list it is
    const { state, load } = useList(() => (state.industry ? `${base}?industry=${encodeURIComponent(state.industry)}` : base),
      { industry: '', loaded: false }, async (read) => { read.loaded = true; });
    onMounted(load);
    const find = () => { state.industry = search.industry.trim(); load(); };
    const keyPersons = () => { search.industry = ''; find(); };
    return { state, search, find, keyPersons, staffName, dateTime, zone, locale };
  },
  template: `
  <div data-test="connections" :data-loaded="state.loaded ? 'yes' : 'no'">
    <h2 data-test="connections-heading" :data-industry="state.industry">{{ state.industry ? $t('connections.ofIndustry', { industry: state.industry }) : $t('connections.title') }}</h2>
    <p class="muted small">{{ state.industry ? $t('connections.industryHint') : $t('connections.hint') }}</p>
    <a-form layout="inline" @submit="find" class="gap" data-test="connections-search">
      <a-form-item :label="$t('connections.industry')"><a-input v-model:value="search.industry" :maxlength="50" :placeholder="$t('connections.industryPlaceholder')" data-test="connections-industry" /></a-form-item>
      <a-button type="primary" html-type="submit" data-test="connections-find">{{ $t('customer.find') }}</a-button>
      <a-button v-if="state.industry" @click="keyPersons" data-test="connections-key-persons">{{ $t('connections.back') }}</a-button>
    </a-form>
    <problem-alert :problem="state.problem" />
    <list-cut :at="state.cut" />
    <a-empty v-if="!state.items.length" :description="state.industry ? $t('connections.noneOfIndustry') : $t('connections.none')" />
    <a-list v-else :data-source="state.items" size="small">
      <template #renderItem="{ item }">
        <a-list-item data-test="connection" :data-archive-no="item.archiveNo" :data-key-person="item.keyPerson ? 'yes' : 'no'">
          <a-list-item-meta>
            <template #title><router-link :to="'/customers/' + encodeURIComponent(item.customerId)" data-test="connection-name">{{ item.name || item.archiveNo }}</router-link>
              <span class="muted small" data-test="connection-contact"> {{ [item.archiveNo, item.phoneMasked].filter(Boolean).join(' · ') }} </span>
              <a-tag v-if="item.keyPerson" color="gold" data-test="connection-circle">{{ $t('connections.keyPerson') }}：{{ item.keyPerson.circle }}</a-tag>
              <a-tag v-if="item.industry" color="cyan">{{ item.industry }}</a-tag>
              <span class="muted small"> {{ staffName(item.updatedBy) }} · {{ dateTime(item.updatedAt, zone(), locale) }}</span></template>
            <template #description>
              <span v-if="item.occupation">{{ $t('care.occupation') }}：{{ item.occupation }}</span>
              <span v-if="item.hobbies && item.hobbies.length"> · {{ $t('care.hobbies') }}：{{ item.hobbies.join('、') }}</span>
              <span v-if="item.keyPerson && item.keyPerson.note" class="wrap"><br />{{ item.keyPerson.note }}</span>
              <span v-if="item.note" class="wrap"><br />{{ item.note }}</span>
            </template>
          </a-list-item-meta>
        </a-list-item>
      </template>
    </a-list>
  </div>`,
};
