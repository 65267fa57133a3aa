// Admin (read-write users of the admin account): accounts and their users — create, delete, role.
import { h, field, table, time } from './dom.js';
import { confirmWith } from './dialog.js';

const ROLES = ['read-write', 'read-only'];

async function attempt(ctx, action, done, after = ctx.refresh) {
  try {
    await action();
    ctx.announce(done);
    after();
  } catch (error) {
    ctx.announce(error.message, true);
  }
}

function addAccountForm(ctx) {
  const name = h('input', { required: true });
  const email = h('input', { type: 'email' });
  const form = h('form', { class: 'inline-form', 'aria-label': 'Add Account' },
    field('Account Name *', name, 'Letters, digits, ".", "_", "@" or "-".'), field('Email', email),
    h('button', { type: 'submit', class: 'primary' }, 'Add Account'));
  form.addEventListener('submit', (submitted) => {
    submitted.preventDefault();
    attempt(ctx, () => ctx.api.post('/v2/accounts', { name: name.value.trim(), ...(email.value.trim() ? { email: email.value.trim() } : {}) }),
      `Account ${name.value.trim()} added.`);
  });
  return form;
}

function addUserForm(ctx, account) {
  const username = h('input', { required: true, autocomplete: 'off' });
  const password = h('input', { type: 'password', required: true, autocomplete: 'new-password' });
  const role = h('select', {}, ROLES.map((name) => h('option', { value: name }, name)));
  const form = h('form', { class: 'inline-form', 'aria-label': `Add User to ${account}` },
    field('Username *', username), field('Password *', password, 'At least 8 characters.'), field('Role', role),
    h('button', { type: 'submit', class: 'primary' }, 'Add User'));
  form.addEventListener('submit', (submitted) => {
    submitted.preventDefault();
    attempt(ctx, () => ctx.api.post(`/v2/accounts/${encodeURIComponent(account)}/users`,
      { username: username.value.trim(), password: password.value, role: role.value }), `User ${username.value.trim()} added.`);
  });
  return form;
}

/** The user's role as a choice that saves at once (PUT …/users/{username}); your own only as text. */
function roleOf(ctx, account, user) {
  if (user.username === ctx.user.username) {
    return user.role;
  }
  const role = h('select', { 'aria-label': `Role of ${user.username}` },
    ROLES.map((name) => h('option', { value: name, selected: name === user.role }, name)));
  role.addEventListener('change', () => {
    role.disabled = true;
    attempt(ctx, () => ctx.api.put(`/v2/accounts/${encodeURIComponent(account)}/users/${encodeURIComponent(user.username)}`,
      { role: role.value }), `User ${user.username} is now ${role.value}.`);
  });
  return role;
}

async function users(ctx, account) {
  const list = await ctx.api.get(`/v2/accounts/${encodeURIComponent(account)}/users`);
  return h('section', { 'aria-label': `Users of ${account}` },
    h('h2', {}, `Users of ${account}`),
    table(`Users of ${account}`, ['Username', 'Role', 'Created', 'Actions'], list.map((user) => h('tr', {},
      h('td', {}, user.username), h('td', {}, roleOf(ctx, account, user)), h('td', {}, time(user.created_at)),
      h('td', {}, user.username === ctx.user.username ? '(you)' : h('button', {
        type: 'button',
        class: 'danger',
        'aria-label': `Delete user ${user.username}`,
        onclick: async () => {
          if (await confirmWith(`Delete user ${user.username}?`)) {
            attempt(ctx, () => ctx.api.del(`/v2/accounts/${encodeURIComponent(account)}/users/${encodeURIComponent(user.username)}`),
              `User ${user.username} deleted.`);
          }
        },
      }, 'Delete'))))),
    addUserForm(ctx, account));
}

export async function renderAdmin(ctx, [chosen]) {
  if (!ctx.isAdmin) {
    return h('section', {}, h('h1', {}, 'Admin'), h('p', {}, 'Only read-write users of the admin account administer accounts.'));
  }
  const accounts = await ctx.api.get('/v2/accounts');
  const rows = accounts.map((account) => h('tr', {},
    h('td', {}, h('a', { href: `#/admin/${encodeURIComponent(account.name)}` }, account.name)),
    h('td', {}, account.email || ''), h('td', {}, account.type || ''), h('td', {}, time(account.created_at)),
    h('td', {}, account.name === 'admin' ? '' : h('button', {
      type: 'button',
      class: 'danger',
      'aria-label': `Delete account ${account.name}`,
      onclick: async () => {
        if (await confirmWith(`Delete account ${account.name} with its users, configurations, deliveries and events?`)) {
          const shown = () => (location.hash === '#/admin' ? ctx.refresh() : (location.hash = '#/admin'));
          await attempt(ctx, () => ctx.api.del(`/v2/accounts/${encodeURIComponent(account.name)}`), `Account ${account.name} deleted.`, shown);
        }
      },
    }, 'Delete'))));
  const section = h('section', { 'aria-label': 'Admin' },
    h('h1', {}, 'Accounts'),
    table('Accounts', ['Account', 'Email', 'Type', 'Created', 'Actions'], rows),
    addAccountForm(ctx));
  if (chosen) {
    section.append(await users(ctx, chosen).catch((error) => h('p', { class: 'error', role: 'alert' }, error.message)));
  }
  return section;
}
