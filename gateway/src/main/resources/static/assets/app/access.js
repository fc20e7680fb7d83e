// What each role may do, as the services decide it (RULES.md R-SEC; each service checks it
// again and refuses what is not allowed, so this only keeps out of sight what a user may
// not use). Pure module: no browser globals.

export const ROLES = ['SALES', 'SUPERVISOR', 'MANAGER', 'ASSISTANT', 'SALES_CONTROL', 'FINANCE', 'HEAD_OFFICE', 'ADMIN'];

/** A SUPERVISOR may do all a SALES rep may, a MANAGER all a SUPERVISOR may (platform Role.includes). */
const INCLUDES = {
  MANAGER: ['MANAGER', 'SUPERVISOR', 'SALES'],
  SUPERVISOR: ['SUPERVISOR', 'SALES'],
};

/** The user a token's claims describe: id (the services use preferred_username), name, roles, sites. */
export function userFrom(claims = {}) {
  const roles = (claims.realm_access?.roles || []).filter((role) => ROLES.includes(role));
  const raw = Array.isArray(claims.sites) ? claims.sites : typeof claims.sites === 'string' && claims.sites ? [claims.sites] : [];
  const sites = raw.map(String).filter((site) => site !== '*');
  const adminEverywhere = roles.includes('ADMIN') && raw.includes('*');
  return {
    id: claims.preferred_username || claims.sub || '',
    name: claims.name || [claims.given_name, claims.family_name].filter(Boolean).join('') || claims.preferred_username || '',
    roles,
    sites,
    readAll: adminEverywhere || roles.includes('HEAD_OFFICE'),
    writeAll: adminEverywhere,
  };
}

export function has(user, role) {
  return !!user && user.roles.some((held) => (INCLUDES[held] || [held]).includes(role));
}

export function hasAny(user, ...roles) {
  return roles.some((role) => has(user, role));
}

export function canRead(user, site) {
  return !!user && (user.readAll || user.sites.includes(site));
}

export function canWrite(user, site) {
  return !!user && (user.writeAll || user.sites.includes(site));
}

/** The services' {@code caller.requireOn(site, roles…)}: may change the site, in one of the roles. */
export function on(user, site, ...roles) {
  return canWrite(user, site) && hasAny(user, ...roles);
}

/** What the user may do at a site; the functions take the record the action concerns. */
export function abilities(user, site) {
  const me = user?.id;
  const desk = on(user, site, 'SALES', 'ASSISTANT');
  return {
    // front desk (reception-service)
    registerVisit: desk,
    registerCall: desk,
    // R-REC-3: a rep registers the calls they took; the desk (ASSISTANT, SUPERVISOR) registers them for a rep
    callForOthers: on(user, site, 'ASSISTANT', 'SUPERVISOR'),
    seeOff: (visit) => desk && (visit?.servedBy === me || hasAny(user, 'SUPERVISOR', 'ASSISTANT')),
    leaveQueue: desk,
    repStatus: (rep) => on(user, site, 'SALES') && (rep === me || has(user, 'SUPERVISOR')),
    eventMode: on(user, site, 'MANAGER'),
    assignFromQueue: on(user, site, 'MANAGER'),
    setRotation: on(user, site, 'MANAGER'),
    violations: on(user, site, 'SUPERVISOR'),
    pendingAttributions: canRead(user, site) && hasAny(user, 'SUPERVISOR', 'ASSISTANT'),
    inbox: canRead(user, site) && !has(user, 'HEAD_OFFICE'),
    policies: canRead(user, site),
    changePolicy: on(user, site, 'ADMIN', 'MANAGER'),
    audit: on(user, site, 'MANAGER', 'ADMIN'),
    // customers (customer-service)
    readCustomers: canRead(user, site),
    followUp: (customer) => on(user, site, 'SALES') && holdsCredit(customer, me),
    checkFollowUp: on(user, site, 'SUPERVISOR'),
    addPhone: (customer) => on(user, site, 'SALES') && (customer?.owner === me || has(user, 'SUPERVISOR')),
    // R-SEC-3: the full number only by an explicit reveal — the owner, SUPERVISOR/MANAGER, FINANCE
    revealPhones: (customer) => (on(user, site, 'SALES') && customer?.owner === me) || on(user, site, 'SUPERVISOR', 'FINANCE'),
    merge: on(user, site, 'MANAGER'),
    openDispute: on(user, site, 'SALES'),
    earlierRep: on(user, site, 'SALES'),
    verifyComplaints: on(user, site, 'SUPERVISOR'),
    disputes: on(user, site, 'SUPERVISOR'),
    ruleDisputes: on(user, site, 'MANAGER'),
    redistribute: on(user, site, 'MANAGER'),
    // sales control (deal-service)
    manageInventory: on(user, site, 'SALES_CONTROL', 'MANAGER'),
    hold: on(user, site, 'SALES'),
    releaseHold: (unit) => on(user, site, 'SALES', 'SALES_CONTROL')
      && (unit?.hold?.repUserId === me || hasAny(user, 'SUPERVISOR', 'SALES_CONTROL')),
    reserve: on(user, site, 'SALES_CONTROL'),
    requestDeposit: (unit) => on(user, site, 'SALES') && (unit?.hold?.repUserId === me || unit?.sale?.repUserId === me
      || has(user, 'SUPERVISOR')),
    // the agreement carries the buyer's full phone: the deal's rep, SUPERVISOR/MANAGER, FINANCE (R-SEC-3)
    agreement: (unit) => canRead(user, site) && ((has(user, 'SALES') && unit?.sale?.repUserId === me) || hasAny(user, 'SUPERVISOR', 'FINANCE')),
    // finance desk (finance-service): only FINANCE records money (R-SEC-2)
    financeQueue: on(user, site, 'FINANCE', 'MANAGER'),
    confirmDeposit: on(user, site, 'FINANCE'),
    payOutRefund: on(user, site, 'FINANCE'),
    receipts: canRead(user, site) && hasAny(user, 'FINANCE', 'MANAGER', 'HEAD_OFFICE', 'ASSISTANT'),
    // the archive and the card (customer-service, issue 14): R-CUS-1, 2, 4, 5, 8
    archive: canRead(user, site) && hasAny(user, 'SALES', 'ASSISTANT', 'HEAD_OFFICE'),
    followUpLists: on(user, site, 'SALES'),
    // R-CUS-7: the deal archive (成交客户档案: buyers, owners, owners who referred others) — the archive's readers, SALES
    // (a SUPERVISOR, the MANAGER), ASSISTANT, HEAD_OFFICE, on a site they read (SearchingArchive.dealArchive)
    dealArchive: canRead(user, site) && hasAny(user, 'SALES', 'ASSISTANT', 'HEAD_OFFICE'),
    // R-CUS-12: key persons (核心人物) and the customers of an industry (交叉合作) — the site's sales staff only: SALES,
    // a SUPERVISOR, the MANAGER, on a site they read (CaringForCustomers.connections)
    connections: canRead(user, site) && has(user, 'SALES'),
    anyRepsLists: on(user, site, 'SUPERVISOR'),
    // R-ATT-12: the customer's rep, a SUPERVISOR or the MANAGER classify and keep the notebook
    editCard: (card) => on(user, site, 'SALES') && (card?.owner === me || has(user, 'SUPERVISOR')),
    overdueCheck: on(user, site, 'SUPERVISOR'),
    // site operations (reception-service): the evening meeting (R-OPS-1)
    readMeeting: canRead(user, site) && hasAny(user, 'SALES', 'ASSISTANT'),
    recordMeeting: on(user, site, 'MANAGER'),
    // reports (reporting-service, issue 15): who reads which form (R-SEC-1)
    dailyReports: canRead(user, site) && hasAny(user, 'SUPERVISOR', 'ASSISTANT', 'HEAD_OFFICE'),
    registers: canRead(user, site) && hasAny(user, 'SUPERVISOR', 'ASSISTANT', 'FINANCE', 'SALES_CONTROL', 'HEAD_OFFICE'),
    managerReports: canRead(user, site) && hasAny(user, 'MANAGER', 'HEAD_OFFICE'),
    trends: hasAny(user, 'MANAGER', 'HEAD_OFFICE'),
    // after the deposit (deal-service, finance-service, issue 13)
    deals: canRead(user, site) && hasAny(user, 'SALES', 'ASSISTANT', 'FINANCE', 'HEAD_OFFICE'),
    requestRefund: (unit) => on(user, site, 'SALES') && (unit?.sale?.repUserId === me || has(user, 'SUPERVISOR')) && !unit?.sale?.contract,
    signContract: (unit) => on(user, site, 'SALES') && (unit?.sale?.repUserId === me || has(user, 'SUPERVISOR'))
      && unit?.status === 'BIG_DEPOSIT' && !unit?.sale?.contract,
    changeUnit: (unit) => on(user, site, 'SALES') && (unit?.sale?.repUserId === me || has(user, 'SUPERVISOR')),
    filing: on(user, site, 'ASSISTANT', 'SUPERVISOR'),
    approvals: on(user, site, 'MANAGER'),
    dues: canRead(user, site) && hasAny(user, 'FINANCE', 'MANAGER', 'ASSISTANT'),
    recordPayment: on(user, site, 'FINANCE'),
    deskDay: canRead(user, site) && hasAny(user, 'FINANCE', 'MANAGER'),
    closeDay: on(user, site, 'FINANCE'),
    // R-DEAL-5: a MANAGER voids an issued agreement (before the contract) and a new one is issued; who keeps the paper
    // copies of the current one: ASSISTANT, SUPERVISOR or MANAGER
    voidAgreement: (unit) => on(user, site, 'MANAGER') && unit?.status === 'BIG_DEPOSIT' && !!unit?.sale?.agreement?.number,
    keepCopies: (unit) => on(user, site, 'ASSISTANT', 'SUPERVISOR') && unit?.status === 'BIG_DEPOSIT' && !!unit?.sale?.agreement?.number,
    // R-DEAL-8: after the contract the deal's rep (a SUPERVISOR, the MANAGER) asks and the fee is due at finance; before
    // it the MANAGER voids the agreement and issues it to the new buyer
    changeName: (unit) => (unit?.status === 'CONTRACTED'
      ? on(user, site, 'SALES') && (unit?.sale?.repUserId === me || has(user, 'SUPERVISOR')) && !unit?.sale?.nameChange
      : on(user, site, 'MANAGER') && unit?.status === 'BIG_DEPOSIT' && !!unit?.sale?.agreement?.number),
    // R-FIN-7: mortgages — FINANCE records their progress, the MANAGER reads
    mortgages: canRead(user, site) && hasAny(user, 'FINANCE', 'MANAGER'),
    progressMortgage: on(user, site, 'FINANCE'),
    // R-FIN-1, R-FIN-7: voids and reversing entries are FINANCE's
    correctRecords: on(user, site, 'FINANCE'),
    // the month's targets (issue 15): the site's MANAGER sets them, HEAD_OFFICE reads
    setTargets: on(user, site, 'MANAGER'),
  };
}

/**
 * R-FIN-1, R-FIN-7: what may correct a receipt or a voucher: 'void' on its day while the day is open,
 * 'reverse' (a reversing entry booked today) once the day is closed; null for what stands — a deposit's
 * receipt (a refund gives it back, R-DEAL-10), a reversing entry, what is voided or reversed already.
 */
export function correction(record, dayClosed) {
  if (!record || record.voided || record.reversedBy || record.reverses) return null;
  if (record.receiptNo && ['SMALL', 'BIG', 'REVERSAL'].includes(record.kind)) return null;
  return dayClosed || record.closed ? 'reverse' : 'void';
}

/** R-ATT-12: follow-ups belong to the rep who holds the credit. */
export function holdsCredit(customer, userId) {
  const shares = customer?.credit?.shares || [];
  return shares.some((share) => share.userId === userId && Number(share.credit) > 0) || (!shares.length && customer?.owner === userId);
}

/** The screens, in the menu's order, and who sees each. */
export const SCREENS = [
  { name: 'desk', path: '/desk', visible: (user) => hasAny(user, 'SALES', 'ASSISTANT') },
  { name: 'mine', path: '/mine', visible: (user) => has(user, 'SALES') },
  // HEAD_OFFICE reads the archive, the deal archive (R-CUS-7), market notes and imports of every site: the customers
  // screen shows it those tabs only (customerTabs)
  { name: 'customers', path: '/customers', visible: (user) => hasAny(user, 'SALES', 'ASSISTANT', 'HEAD_OFFICE') },
  { name: 'board', path: '/board', visible: (user) => hasAny(user, 'SALES', 'ASSISTANT', 'SALES_CONTROL', 'FINANCE') },
  { name: 'deals', path: '/deals', visible: (user) => hasAny(user, 'SALES', 'ASSISTANT', 'FINANCE') },
  { name: 'finance', path: '/finance', visible: (user) => hasAny(user, 'FINANCE', 'MANAGER') },
  { name: 'manager', path: '/manager', visible: (user) => hasAny(user, 'SUPERVISOR', 'ADMIN') },
  { name: 'reports', path: '/reports', visible: (user) => hasAny(user, 'SUPERVISOR', 'ASSISTANT', 'FINANCE', 'SALES_CONTROL', 'HEAD_OFFICE') },
  { name: 'hq', path: '/hq', visible: (user) => !!user && user.readAll },
];

/** The screen a user starts on: the one of their main role. */
export function homeScreen(user) {
  const order = [
    ['HEAD_OFFICE', 'hq'], ['FINANCE', 'finance'], ['SALES_CONTROL', 'board'], ['MANAGER', 'manager'], ['SUPERVISOR', 'desk'],
    ['ASSISTANT', 'desk'], ['SALES', 'mine'], ['ADMIN', 'manager'],
  ];
  const found = order.find(([role]) => user?.roles.includes(role));
  return found ? found[1] : null;
}

export function screenVisible(user, name) {
  const screen = SCREENS.find((s) => s.name === name);
  return !!screen && screen.visible(user);
}
