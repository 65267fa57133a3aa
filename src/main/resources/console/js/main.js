// The console's shell: sign in and out, the account switcher, and the screen for the URL's #fragment.
import { apiFor, session, ApiError } from './api.js';
import { h, replace } from './dom.js';
import { renderNotifications } from './notifications.js';
import { renderAlerts } from './alerts.js';
import { renderDeliveries } from './deliveries.js';
import { renderEvents } from './events.js';
import { renderAdmin } from './admin.js';

const SCREENS = {
  notifications: renderNotifications,
  alerts: renderAlerts,
  deliveries: renderDeliveries,
  events: renderEvents,
  admin: renderAdmin,
};

const byId = (id) => document.getElementById(id);
const view = byId('view');
const signInForm = byId('sign-in');
let current = null;

/** Says something in the page's live region (test results, saved, removed). */
function announce(text, isError = false) {
  const status = byId('status');
  status.classList.toggle('error', isError);
  replace(status, text);
}

function showSignIn(message) {
  current = null;
  session.clear();
  byId('nav').hidden = true;
  byId('session').hidden = true;
  replace(view, signInForm);
  signInForm.hidden = false;
  byId('password').value = '';
  replace(byId('sign-in-error'), message || '');
  byId('username').focus();
}

async function signIn(candidate) {
  const user = await apiFor({ ...candidate, actingFor: null }).get('/v2/user');
  current = { ...candidate, user };
  session.save(candidate);
  byId('nav').hidden = false;
  byId('session').hidden = false;
  byId('nav-admin').hidden = !(user.admin && user.role === 'read-write');
  replace(byId('signed-in-as'), `${user.username} (${user.account_name}, ${user.role})`);
  await fillAccountSwitcher();
  if (!location.hash || location.hash === '#') {
    location.hash = '#/notifications';
  } else {
    await route();
  }
}

async function fillAccountSwitcher() {
  const switcher = byId('account-switcher');
  const select = byId('account-select');
  switcher.hidden = !current.user.admin;
  if (!current.user.admin) {
    return;
  }
  let accounts = [{ name: current.user.account_name }];
  try {
    accounts = await apiFor({ ...current, actingFor: null }).get('/v2/accounts');
  } catch (error) {
    // a read-only user of the admin account may not list accounts; it still acts for its own
  }
  const acting = current.actingFor || current.user.account_name;
  replace(select, accounts.map((account) => h('option', { value: account.name, selected: account.name === acting }, account.name)));
}

/** What every screen gets: the API for the current account, and what the user may do. */
function context() {
  const user = current.user;
  return {
    api: apiFor(current),
    user,
    account: current.actingFor || user.account_name,
    canWrite: user.role === 'read-write',
    isAdmin: user.admin && user.role === 'read-write',
    announce,
    refresh: route,
  };
}

async function route() {
  if (!current) {
    return;
  }
  const [, name, ...rest] = location.hash.replace(/^#/, '').split('/');
  const render = SCREENS[name] || renderNotifications;
  document.querySelectorAll('#nav a').forEach((link) => {
    if (link.getAttribute('href') === `#/${name}`) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  });
  const started = performance.now();
  view.setAttribute('aria-busy', 'true');
  try {
    replace(view, await render(context(), rest.map(decodeURIComponent)));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      showSignIn('Your session has ended; sign in again.');
      return;
    }
    replace(view, h('h1', {}, 'Something went wrong'), h('p', { class: 'error', role: 'alert' }, error.message));
  } finally {
    view.removeAttribute('aria-busy');
    // how long the screen took, its API calls included: the browser tests read it
    view.dataset.renderMs = String(Math.round(performance.now() - started));
  }
}

signInForm.addEventListener('submit', async (submitted) => {
  submitted.preventDefault();
  try {
    await signIn(session.create(byId('username').value, byId('password').value));
  } catch (error) {
    showSignIn(error instanceof ApiError && error.status === 401 ? 'Invalid username or password.' : error.message);
  }
});

byId('sign-out').addEventListener('click', () => {
  history.replaceState(null, '', location.pathname);
  announce('');
  showSignIn('You are signed out.');
});

byId('account-select').addEventListener('change', (changed) => {
  const chosen = changed.target.value;
  current.actingFor = chosen === current.user.account_name ? null : chosen;
  session.save({ username: current.username, credentials: current.credentials, actingFor: current.actingFor });
  announce(`Acting for account ${chosen}.`);
  route();
});

window.addEventListener('hashchange', route);

const stored = session.load();
if (stored) {
  signIn(stored).catch(() => showSignIn());
} else {
  showSignIn();
}
