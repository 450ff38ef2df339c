# The metrics and health endpoint of `guichet run` (GUICHET_METRICS_PORT).

# $address: host:port; $reason: the system's words
observability-port-unavailable = The metrics endpoint cannot listen on { $address }: { $reason }. Choose another GUICHET_METRICS_PORT, or 0 for any free port.
