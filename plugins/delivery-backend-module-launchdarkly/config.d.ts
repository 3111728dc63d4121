export interface Config {
  delivery?: {
    /**
     * The LaunchDarkly source of the delivery plugin. See the module's README; the
     * webhook's secrets (`webhook.secrets`) are read by the events module too.
     */
    launchdarkly?: {
      /**
       * The LaunchDarkly app flags' pages are linked to: `https://app.launchdarkly.com`
       * (default), `https://app.eu.launchdarkly.com` for the EU instance, or the
       * federal one.
       */
      appBaseUrl?: string;
    };
  };
}
