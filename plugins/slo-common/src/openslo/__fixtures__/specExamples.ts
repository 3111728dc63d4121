/**
 * Examples copied from the OpenSLO v1 specification repository:
 * - https://github.com/OpenSLO/OpenSLO/blob/main/examples/budgeting-method/timeslices-slo.yaml
 * - https://github.com/OpenSLO/OpenSLO/blob/main/examples/budgeting-method/occurences-slo.yaml
 * - SLI from https://github.com/OpenSLO/OpenSLO/blob/main/pkg/openslo/v1/example_sli_test.go
 * The Prometheus file follows the field names of the v1 README
 * (https://github.com/OpenSLO/OpenSLO#readme): DataSource, SLI with ratioMetric,
 * SLO with indicatorRef, targetPercent and a calendar window.
 */

// Verbatim: note `duration: 1m` (a minute) where the comment means a month.
export const timeslicesSpecExample = `# SLO that reflects SLA for internet provider to be available 99% of time
apiVersion: openslo/v1
kind: SLO
metadata:
  name: service-availability
  displayName: Reflaction of out availability SLA
spec:
  description: SLO to see if we are above our SLA and to react before.
  service: web-availability
  indicator:
    metadata:
      name: web-availability
      displayName: Time when our service was running.
    spec:
      ratioMetric:
        good:
          metricSource:
            type: Any # Any service with needed metrics
            spec: # Fields necessary to query service for the data.
              query: Any # 'query' is just an example field.
        total:
          metricSource:
            type: Any # Any service with needed metrics
            spec: # Fields necessary to query service for the data.
              query: Any # 'query' is just an example field.
  timeWindow:
    - duration: 1m # Contracts often are for 1 month time window
      isRolling: false # Most of contracts starts counting at beginning of month
      calendar:
        startTime: 2022-01-01 12:00:00
        timeZone: America/New_York
  budgetingMethod: Timeslices
  objectives:
    - displayName: Internal objective
      op: gt
      target: 0.995 # It is good to make bigger objective to react faster
      timeSliceTarget: 0.99
      timeSliceWindow: 1m # Rest of the fields should reflect exactly our contract
    - displayName: SLA # It is good to have objective exactly as SLA contract says
      target: 0.99
      timeSliceTarget: 0.99
      timeSliceWindow: 1m
  alertPolicies: # SLO that monitor your SLA should always have some alert policy.
`;

// Verbatim: the thresholdMetric has an empty spec, so it has no query.
export const occurrencesSpecExample = `# SLO that measures the time of searching for an item in an online shop.
apiVersion: openslo/v1
kind: SLO
metadata:
  name: search-slo
  displayName: Searching time
spec:
  description: Regardless of the number of paraller searches it never should be more than 500ms.
  service: web-shop
  indicator:
    metadata:
      name: search-latency
      displayName: Latency of user searches
    spec:
      thresholdMetric:
        metricSource:
          type: Any # Here put any service that holds information you need.
          spec:
            # Fields needed to query service for latency data.
  timeWindow:
    - duration: 2w  # Two weeks is a good choice in most cases.
      isRolling: true # Rolling timewindow give us better view if service starts to working better.
  budgetingMethod: Occurrences # As said in README.md, occurrences are great for measuring all searches the same way.
  objectives:
    - displayName: Good experience
      op: lt
      value: 500
      target: 0.99
  alertPolicies: # Doesn't matter in this example but you should have something in here.
`;

export const prometheusExample = `apiVersion: openslo/v1
kind: DataSource
metadata:
  name: prometheus-main
spec:
  type: Prometheus
  connectionDetails:
    url: http://prometheus:9090
---
apiVersion: openslo/v1
kind: Service
metadata:
  name: checkout
spec:
  description: Checkout API
---
apiVersion: openslo/v1
kind: SLI
metadata:
  name: checkout-errors
spec:
  ratioMetric:
    counter: true
    bad:
      metricSource:
        metricSourceRef: prometheus-main
        spec:
          query: http_requests_total{job="checkout",code=~"5.."}
    total:
      metricSource:
        metricSourceRef: prometheus-main
        spec:
          query: http_requests_total{job="checkout"}
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
  displayName: Checkout availability
  annotations:
    slo.acme-portal.io/burn-rate-tiers: page-fast,ticket-slow
spec:
  service: checkout
  indicatorRef: checkout-errors
  timeWindow:
    - duration: 1M
      isRolling: false
      calendar:
        startTime: 2024-01-01 00:00:00
        timeZone: Europe/Paris
  budgetingMethod: Occurrences
  objectives:
    - targetPercent: 99.9
`;

// Verbatim: OpenSLO examples/treat-low-traffic-as-equally-important/timeslices-slo.yaml,
// a calendar week counted from Saturday 2022-01-01 12:00 in New York.
export const lowTrafficTimeslicesExample = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: service-availability
  displayName: SLO for this important service
spec:
  service: web-availability
  indicator:
    metadata:
      name: web-availability
      displayName: Time when our service was running.
    spec:
      ratioMetric:
        good:
          metricSource:
            type: Any # Any service with needed metrics.
            spec: # Fields necessary to query service for the data.
              query: Any # 'query' is just an example field.
        total:
          metricSource:
            type: Any # Any service with needed metrics.
            spec: # Fields necessary to query service for the data.
              query: Any # 'query' is just an example field.
  timeWindow:
    - duration: 1w
      isRolling: false
      calendar:
        startTime: 2022-01-01 12:00:00
        timeZone: America/New_York
  budgetingMethod: Timeslices
  objectives:
    - displayName: Objective
      op: gt
      target: 0.9995
      timeSliceTarget: 0.95
      timeSliceWindow: 1m
`;

// The v1 README's inline-SLI example ("An example of an SLO where SLI is inlined"),
// verbatim; the tests switch its counter to false for a gauge.
export const inlineSliReadmeExample = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: foo-slo
  displayName: Foo SLO
spec:
  service: foo
  indicator:
    metadata:
      name: foo-error
      displayName: Foo Error
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            metricSourceRef: datadog-datasource
            type: Datadog
            spec:
              query: sum:trace.http.request.hits.by_http_status{http.status_code:200}.as_count()
        total:
          metricSource:
            metricSourceRef: datadog-datasource
            type: Datadog
            spec:
              query: sum:trace.http.request.hits.by_http_status{*}.as_count()
  objectives:
    - displayName: Foo Total Errors
      target: 0.98
`;
