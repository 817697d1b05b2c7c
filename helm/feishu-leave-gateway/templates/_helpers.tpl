{{/*
Chart name, truncated to 63 characters (DNS label limit).
*/}}
{{- define "flg.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name: <release>-<chart> unless the release name already contains the chart name.
*/}}
{{- define "flg.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "flg.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "flg.selectorLabels" -}}
app.kubernetes.io/name: {{ include "flg.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "flg.labels" -}}
helm.sh/chart: {{ include "flg.chart" . }}
{{ include "flg.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "flg.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "flg.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Image reference: repository@digest, or repository:tag (tag defaults to the chart appVersion).
*/}}
{{- define "flg.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
Name of the existing Secret holding the Feishu app secret and the API keys.
*/}}
{{- define "flg.secretName" -}}
{{- default (printf "%s-secrets" (include "flg.fullname" .)) .Values.secrets.existingSecret }}
{{- end }}

{{/*
Most pods that can ever run at once, and so share the Feishu quota:
the HPA's maxReplicas (or replicaCount without HPA) plus the rollout surge.
*/}}
{{- define "flg.maxPods" -}}
{{- $max := ternary (int .Values.hpa.maxReplicas) (int .Values.replicaCount) .Values.hpa.enabled }}
{{- add $max (int .Values.updateStrategy.maxSurge) }}
{{- end }}

{{/*
Per-pod share of one Feishu quota: floor(limit / maxPods). Fails the render when that is below 2,
the smallest limit the gateway accepts (it spaces calls period / (limit - 1) apart).
Call with (dict "ctx" $ "name" "leaveBalances" "limit" <int>).
*/}}
{{- define "flg.perPodQuota" -}}
{{- $maxPods := include "flg.maxPods" .ctx | int }}
{{- if lt $maxPods 1 }}
{{- fail "feishu-leave-gateway: the maximum number of pods (hpa.maxReplicas or replicaCount, plus updateStrategy.maxSurge) must be at least 1" }}
{{- end }}
{{- $perPod := div (int .limit) $maxPods }}
{{- if lt $perPod 2 }}
{{- fail (printf "feishu-leave-gateway: feishu.quotas.%s.limit=%d shared by up to %d pods leaves each pod %d, below the minimum of 2; lower hpa.maxReplicas/replicaCount plus updateStrategy.maxSurge to at most %d or raise the quota" .name (int .limit) $maxPods $perPod (div (int .limit) 2)) }}
{{- end }}
{{- $perPod }}
{{- end }}

{{/*
True (non-empty) when the pods share quota, cache and pause through Redis.
*/}}
{{- define "flg.redisMode" -}}
{{- if eq .Values.coordination.mode "redis" }}true{{ end }}
{{- end }}

{{/*
The feishu.quotas.*.limit each pod is given: the whole quota in redis mode (the pods share it),
the per-pod share in local mode.
*/}}
{{- define "flg.leaveBalancesLimit" -}}
{{- if include "flg.redisMode" . }}
{{- int .Values.feishu.quotas.leaveBalances.limit }}
{{- else }}
{{- include "flg.leaveBalancesPerPod" . }}
{{- end }}
{{- end }}

{{- define "flg.leaveExpireRecordsLimit" -}}
{{- if include "flg.redisMode" . }}
{{- int .Values.feishu.quotas.leaveExpireRecords.limit }}
{{- else }}
{{- include "flg.leaveExpireRecordsPerPod" . }}
{{- end }}
{{- end }}

{{- define "flg.leaveBalancesPerPod" -}}
{{- include "flg.perPodQuota" (dict "ctx" . "name" "leaveBalances" "limit" .Values.feishu.quotas.leaveBalances.limit) }}
{{- end }}

{{- define "flg.leaveExpireRecordsPerPod" -}}
{{- include "flg.perPodQuota" (dict "ctx" . "name" "leaveExpireRecords" "limit" .Values.feishu.quotas.leaveExpireRecords.limit) }}
{{- end }}

{{/*
Mount points of the two Spring config trees.
*/}}
{{- define "flg.configDir" -}}/etc/leave-gateway/config/{{- end }}
{{- define "flg.secretsDir" -}}/etc/leave-gateway/secrets/{{- end }}

{{/*
The Redis password's config tree (redis mode with redis.existingSecret): one file,
spring.data.redis.password.
*/}}
{{- define "flg.redisSecretDir" -}}/etc/leave-gateway/redis/{{- end }}
{{- define "flg.redisPasswordMounted" -}}
{{- if and (include "flg.redisMode" .) .Values.redis.existingSecret }}true{{ end }}
{{- end }}
