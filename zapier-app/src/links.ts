/**
 * Where help text points. The repository's public address is not final yet: change it here only
 * (the reviewers' rules test checks every help link is https).
 */
export const docsUrl = 'https://github.com/synaptiq/crm-sync/blob/main/zapier-app/README.md';
