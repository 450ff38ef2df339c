# Le point d'accès des métriques et de l'état de `guichet run` (GUICHET_METRICS_PORT).

# $address : hôte:port ; $reason : les mots du système
observability-port-unavailable = Le point d'accès des métriques ne peut pas écouter sur { $address } : { $reason }. Choisissez un autre GUICHET_METRICS_PORT, ou 0 pour un port libre quelconque.
