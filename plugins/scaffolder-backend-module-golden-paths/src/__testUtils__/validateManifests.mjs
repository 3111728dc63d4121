// Validates Kubernetes (Service, ConfigMap, Deployment, Job), Argo CD and Argo Rollouts manifests with the kubernetes-models
// packages (ES modules only, so this runs as its own Node process, outside Jest).
// Input on stdin: a JSON object of manifest lists by name. Output on stdout: the same
// shape with, per manifest, null when it is valid, else the validation error.
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
import {
  AnalysisTemplate,
  Rollout,
} from '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1';

const models = {
  'v1/Service': Service,
  'v1/ConfigMap': ConfigMap,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'argoproj.io/v1alpha1/Rollout': Rollout,
  'argoproj.io/v1alpha1/AnalysisTemplate': AnalysisTemplate,
  'argoproj.io/v1alpha1/Application': Application,
};

let input = '';
for await (const chunk of process.stdin) input += chunk;
const validate = doc => {
  const Model = models[`${doc.apiVersion}/${doc.kind}`];
  if (!Model) return `no schema for ${doc.apiVersion} ${doc.kind}`;
  try {
    new Model(doc).validate();
    return null;
  } catch (error) {
    return String(error.message ?? error);
  }
};
const results = Object.fromEntries(
  Object.entries(JSON.parse(input)).map(([name, docs]) => [
    name,
    docs.map(validate),
  ]),
);
process.stdout.write(JSON.stringify(results));
