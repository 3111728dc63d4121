/*
 * Definitions in the shapes Pyrra and Sloth publish in their repositories
 * (pyrra-dev/pyrra examples/nginx.yaml, examples/kubernetes/slos/*.yaml,
 * examples/dynamic-burn-rate-bool-gauge.yaml; slok/sloth examples/getting-started.yml,
 * examples/k8s-getting-started.yml, examples/raw-home-wifi.yml), trimmed of comments.
 */

export const pyrraNginx = `apiVersion: pyrra.dev/v1alpha1
kind: ServiceLevelObjective
metadata:
  name: nginx-api-errors
  namespace: monitoring
  labels:
    prometheus: k8s
    role: alert-rules
spec:
  target: '99.9'
  window: 4w
  indicator:
    ratio:
      errors:
        metric: nginx_ingress_controller_requests{namespace="lastfm",ingress="lastfm",service="lastfm",status=~"5.."}
      total:
        metric: nginx_ingress_controller_requests{namespace="lastfm",ingress="lastfm",service="lastfm"}
---
apiVersion: pyrra.dev/v1alpha1
kind: ServiceLevelObjective
metadata:
  name: nginx-api-latency
  namespace: monitoring
spec:
  target: '90'
  latency: '1'
  window: 4w
  indicator:
    latency:
      success:
        metric: nginx_ingress_controller_request_duration_seconds_bucket{namespace="lastfm",ingress="lastfm",service="lastfm",status=~"5.."}
      total:
        metric: nginx_ingress_controller_request_duration_seconds_count{namespace="lastfm",ingress="lastfm",service="lastfm"}
`;

export const pyrraApiserverLatency = `apiVersion: pyrra.dev/v1alpha1
kind: ServiceLevelObjective
metadata:
  labels:
    prometheus: k8s
    role: alert-rules
  name: apiserver-read-resource-request-latency
  namespace: monitoring
spec:
  description: ""
  indicator:
    latency:
      success:
        metric: apiserver_request_duration_seconds_bucket{job="apiserver",scope=~"resource|",verb=~"LIST|GET",le="1"}
      total:
        metric: apiserver_request_duration_seconds_count{job="apiserver",scope=~"resource|",verb=~"LIST|GET"}
  target: "99"
  window: 2w
`;

export const pyrraBoolGauge = `apiVersion: pyrra.dev/v1alpha1
kind: ServiceLevelObjective
metadata:
  name: prometheus-availability-dynamic
  namespace: monitoring
  labels:
    prometheus: k8s
    role: alert-rules
spec:
  target: "99.9"
  window: 28d
  description: "Prometheus availability monitoring with dynamic burn rate"
  indicator:
    bool_gauge:
      metric: up{job="prometheus-k8s"}
  alerting:
    name: PrometheusAvailabilityDynamicErrorBudgetBurn
    burnRateType: dynamic
    burnrates: true
    absent: true
    disabled: false
`;

export const slothGettingStarted = `version: "prometheus/v1"
service: "myservice"
labels:
  owner: "myteam"
  repo: "myorg/myservice"
  tier: "2"
slo_plugins:
  chain:
    - id: "sloth.dev/contrib/alert_for/v1"
slos:
  - name: "requests-availability"
    objective: 99.9
    description: "Common SLO based on availability for HTTP request responses."
    sli:
      events:
        error_query: sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))
        total_query: sum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))
    alerting:
      name: MyServiceHighErrorRate
      labels:
        category: "availability"
      annotations:
        summary: "High error rate on 'myservice' requests responses"
      page_alert:
        for: 5m
        labels:
          severity: pageteam
          routing_key: myteam
      ticket_alert:
        for: 10m
        labels:
          severity: "slack"
          slack_channel: "#alerts-myteam"
`;

export const slothK8sGettingStarted = `apiVersion: sloth.slok.dev/v1
kind: PrometheusServiceLevel
metadata:
  name: sloth-slo-my-service
  namespace: monitoring
spec:
  service: "myservice"
  labels:
    owner: "myteam"
    repo: "myorg/myservice"
    tier: "2"
  slos:
    - name: "requests-availability"
      objective: 99.9
      description: "Common SLO based on availability for HTTP request responses."
      sli:
        events:
          errorQuery: sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))
          totalQuery: sum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))
      alerting:
        name: MyServiceHighErrorRate
        labels:
          category: "availability"
        annotations:
          summary: "High error rate on 'myservice' requests responses"
        pageAlert:
          labels:
            severity: pageteam
            routing_key: myteam
        ticketAlert:
          labels:
            severity: "slack"
            slack_channel: "#alerts-myteam"
`;

export const slothRawHomeWifi = `version: "prometheus/v1"
service: "home-wifi"
labels:
  cluster: "valhalla"
  component: "ubiquiti"
  context: "home"
slos:
  - name: "wifi-client-satisfaction"
    objective: 95
    description: "Warn us that we have an average wifi connection satisfaction."
    sli:
      raw:
        errorRatioQuery: |
          1 - (
            sum(sum_over_time(unifipoller_client_satisfaction_ratio[{{.window}}]))
            /
            sum(count_over_time(unifipoller_client_satisfaction_ratio[{{.window}}]))
          )
    alerting:
      name: WifiClientSatisfaction
      page_alert:
        labels:
          severity: home
      ticket_alert:
        labels:
          severity: warning
`;

// pyrra-dev/pyrra examples/caddy-response-latency.yaml (verbatim): the success
// bucket and the total have the same matchers, so this is the histogram's own ratio.
export const pyrraCaddyLatency = `apiVersion: pyrra.dev/v1alpha1
kind: ServiceLevelObjective
metadata:
  name: caddy-response-latency
spec:
  description: We want our demo to be fast and therefore we want 90% of our responses
    to be faster than 50ms as seen by Caddy.
  indicator:
    latency:
      success:
        metric: caddy_http_response_duration_seconds_bucket{job="caddy",handler="subroute",code!~"5..",le="0.05"}
      total:
        metric: caddy_http_response_duration_seconds_count{job="caddy",handler="subroute",code!~"5.."}
  target: "90"
  window: 4w
`;

// pyrra-dev/pyrra examples/prometheus-http.yaml (verbatim): one budget per handler.
export const pyrraPrometheusHttpGrouping = `apiVersion: pyrra.dev/v1alpha1
kind: ServiceLevelObjective
metadata:
  name: prometheus-api-query
  labels:
    prometheus: k8s
    role: alert-rules
spec:
  target: '99.0'
  window: 7d
  indicator:
    ratio:
      errors:
        metric: prometheus_http_requests_total{handler=~"/api.*",code=~"5.."}
      total:
        metric: prometheus_http_requests_total{handler=~"/api.*"}
      grouping:
        - handler
`;
