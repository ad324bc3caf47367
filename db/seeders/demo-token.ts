/**
 * The API token the demo data comes with, printed at start-up and pre-filled in GraphiQL.
 * It exists only in databases seeded with demo data; revoke it before going live.
 */
export const demoAdminToken = 'll_demo_admin_token';
