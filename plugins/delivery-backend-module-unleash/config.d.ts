export interface Config {
  delivery?: {
    /**
     * The Unleash source of the delivery plugin. See the module's README; the
     * webhook's secrets (`webhook.secrets`) are read by the events module too.
     */
    unleash?: {
      /**
       * The Unleash instance (its admin UI), e.g. `https://unleash.acme.example`:
       * stored flag changes link to the flag's page there. Without it they link
       * nowhere.
       */
      baseUrl?: string;
    };
  };
}
