/** What a screen of server data is showing: the data hooks (services) answer it, StateView (components) draws it. */
export type ViewStatus = 'loading' | 'error' | 'empty' | 'ready'
