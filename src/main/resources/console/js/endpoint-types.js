// The six endpoint types as Anchore's console names them, with each type's fields and a help text
// per field (the API's field names; `*` fields are required; secrets are never shown, only replaced).

/** The title and text a configuration of a message type may word itself (Mustache, values escaped). */
const MESSAGE_TEMPLATES = [
  { name: 'title_template', label: 'Title Template', help: 'Optional: a Mustache template of the title (mail subject, issue title, header), e.g. {{type_label}} for {{resource_id}}; empty keeps the built-in one.' },
  { name: 'text_template', label: 'Text Template', kind: 'textarea', help: "Optional: a Mustache template of the main text, instead of the event's message, e.g. {{level_upper}}: {{message}}; the fields and links stay. Values are escaped for the channel." },
];

export const ENDPOINT_TYPES = {
  smtp: {
    title: 'Email',
    summary: (c) => `${c.to || ''} via ${c.host || ''}`,
    fields: [
      { name: 'host', label: 'SMTP Host', required: true, help: 'Host name or IP address of the mail server, e.g. smtp.example.com.' },
      { name: 'port', label: 'SMTP Port', required: true, kind: 'number', help: 'Port of the mail server: 25, 465 or 587 usually.' },
      { name: 'from', label: 'From', required: true, help: 'The sender address of the notification mails.' },
      { name: 'to', label: 'To', required: true, help: 'One address, or several separated by commas.' },
      { name: 'username', label: 'Username', help: 'Only when the mail server asks for a login.' },
      { name: 'password', label: 'Password', secret: true, help: 'Stored encrypted and never shown again; leave empty to keep the saved one.' },
      { name: 'use_tls', label: 'Use TLS', kind: 'checkbox', help: 'Connect with STARTTLS.' },
      ...MESSAGE_TEMPLATES,
    ],
    preview: true,
  },
  github: {
    title: 'GitHub',
    summary: (c) => `${c.owner || ''}/${c.repository || ''}`,
    fields: [
      { name: 'url', label: 'API URL', help: 'https://api.github.com unless you use GitHub Enterprise Server.' },
      { name: 'username', label: 'Username', required: true, help: 'The GitHub user the issues are opened as.' },
      { name: 'access_token', label: 'Access Token', required: true, secret: true, help: 'A token allowed to open issues in the repository; stored encrypted, never shown again.' },
      { name: 'owner', label: 'Owner', required: true, help: 'The user or organisation that owns the repository.' },
      { name: 'repository', label: 'Repository', required: true, help: 'The repository issues are opened in.' },
      { name: 'milestone', label: 'Milestone', kind: 'number', help: 'Number of the milestone to set on new issues (optional).' },
      { name: 'labels', label: 'Labels', kind: 'list', help: 'Labels for new issues, separated by commas (optional).' },
      { name: 'assignees', label: 'Assignees', kind: 'list', help: 'GitHub users to assign, separated by commas (optional).' },
      ...MESSAGE_TEMPLATES,
    ],
    preview: true,
  },
  jira: {
    title: 'Jira',
    summary: (c) => `${c.project_key || ''} at ${c.url || ''}`,
    fields: [
      { name: 'url', label: 'URL', required: true, help: 'Your Jira site, e.g. https://example.atlassian.net.' },
      { name: 'username', label: 'Username', required: true, help: 'The Jira user the issues are created as (an email address on Jira Cloud).' },
      { name: 'password', label: 'Password', required: true, secret: true, help: 'An API token on Jira Cloud; stored encrypted, never shown again.' },
      { name: 'project_key', label: 'Project Key', required: true, help: 'The key of the project, e.g. SEC.' },
      { name: 'issue_type', label: 'Issue Type', required: true, help: 'The issue type to create, e.g. Bug or Task.' },
      { name: 'priority', label: 'Priority', help: 'Priority of new issues (optional).' },
      { name: 'assignee', label: 'Assignee', help: 'User to assign new issues to (optional).' },
      { name: 'labels', label: 'Labels', kind: 'list', help: 'Labels for new issues, separated by commas (optional).' },
      ...MESSAGE_TEMPLATES,
    ],
    preview: true,
  },
  slack: {
    title: 'Slack',
    summary: (c) => c.url || '',
    fields: [
      { name: 'url', label: 'Webhook URL', required: true, secret: true, help: "The Slack app's incoming webhook URL; it holds a token, so it is stored encrypted and shown masked." },
      ...MESSAGE_TEMPLATES,
    ],
    preview: true,
  },
  teams: {
    title: 'MS Teams',
    summary: (c) => c.url || '',
    fields: [
      { name: 'url', label: 'Webhook URL', required: true, secret: true, help: 'A Teams Workflows (or legacy incoming) webhook URL; stored encrypted and shown masked.' },
      ...MESSAGE_TEMPLATES,
    ],
    preview: true,
  },
  webhook: {
    title: 'Webhook',
    summary: (c) => c.url || '',
    fields: [
      { name: 'url', label: 'URL', required: true, help: 'Where Herald POSTs each event as JSON.' },
      { name: 'username', label: 'Username', help: 'Sent with HTTP Basic authentication when set.' },
      { name: 'password', label: 'Password', secret: true, help: 'Stored encrypted and never shown again; leave empty to keep the saved one.' },
      { name: 'verify_ssl', label: 'Verify SSL', kind: 'checkbox', help: "Check the receiver's TLS certificate." },
      { name: 'signing_secret', label: 'Signing Secret', secret: true, generate: true, help: 'Optional: signs every request (Standard Webhooks). Paste a whsec_… secret or press Generate; a generated one is shown once after saving.' },
      { name: 'body_template', label: 'Body Template', kind: 'textarea', help: 'Optional: a Mustache template of the JSON body, e.g. {"text": "{{message}}"}, for PagerDuty, Discord or Mattermost; empty sends the event as it is. Values are escaped for JSON strings: keep them in quotes.' },
      { name: 'headers', label: 'Headers', kind: 'headers', help: 'Optional static headers, one "Name: value" a line. Shown in plain: no credentials.' },
    ],
    preview: true,
  },
};

/** Every configuration's own fields, after the type's. */
export const COMMON_FIELDS = [
  { name: 'description', label: 'Description', help: 'A name for this configuration, up to 250 characters.' },
];

/** Anchore's event selector choices; `custom` opens the four selector fields. */
export const SELECTOR_OPTIONS = [
  { id: 'all', label: 'All Notification Events', selector: { scope: 'account', event: { level: '*', type: '*', resource_type: '*' } } },
  { id: 'policy', label: 'Policy & Vulnerability Events', selector: { scope: 'account', event: { level: '*', type: 'user.checks.*', resource_type: '*' } } },
  { id: 'errors', label: 'Error Events', selector: { scope: 'account', event: { level: 'error', type: '*', resource_type: '*' } } },
  { id: 'custom', label: 'Add Custom Selector', selector: null },
];

/** Same four fields and the same optional filters (a filtered selector is never one of Anchore's choices). */
export function sameSelector(a, b) {
  return a.scope === b.scope && a.event.level === b.event.level && a.event.type === b.event.type
    && a.event.resource_type === b.event.resource_type
    && (a.min_severity || null) === (b.min_severity || null) && (a.filter || null) === (b.filter || null);
}
