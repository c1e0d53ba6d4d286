/**
 * Every address the app's help text links to, in one place. Help text is static (the same for every user), so it
 * cannot point at the user's own relay (whose address is theirs, and not always https); the relay's documentation is
 * published once instead. Until it is, `docsBaseUrl` is a placeholder on a reserved `.example` domain (RFC 2606), which
 * can never lead a user to somebody else's site: change it before publishing (zapier-app/README.md, "Before publishing").
 * The reviewers' rules test checks every help link is https and built from `docsBaseUrl`.
 */
export const docsBaseUrl = 'https://docs.synaptiq.example/crm-sync';

/** Pages of the published docs, named after the repository files they are built from. */
export const helpLinks = {
  /** zapier-app/README.md "Connecting": the relay URL and where the workspace API key comes from. */
  connecting: `${docsBaseUrl}/zapier#connecting`,
} as const;
