export interface Config {
  goldenPaths?: {
    /** Publishing to git remotes (`golden-paths:publish:git`) and reading them back (git+ URLs). */
    git?: {
      /**
       * URL prefixes of the remotes the portal may push to and read from, e.g.
       * `file:///srv/git/` or `https://git.example.com/acme/`. The portal's git host
       * (`portalHost`) is always allowed; nothing else is without this list.
       */
      allowedRemotes?: string[];
      /**
       * The portal's own git host: bare repositories in a data folder the portal owns,
       * made on first publish (HEAD the published branch). Templates publish there with
       * "Publish to: the portal's git host".
       */
      portalHost?: {
        /**
         * Folder of the bare repositories; a relative path is resolved from the
         * repository root (the folder of the root package.json), e.g. `.data/git`.
         */
        directory: string;
        /**
         * Serve the repositories read-only over HTTP (git's smart protocol, no sign-in)
         * at `/api/golden-paths/git/<name>.git`, so `git clone` and the task's links
         * work. Default true.
         */
        serveHttp?: boolean;
      };
    };
  };
}
