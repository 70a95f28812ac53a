"""ektp: shared code of the e-KTP application backend.

`ektp.domain` is pure Python (no AWS): NIK and region rules, the application model, the status graph,
the reason vocabulary. `ektp.adapters` reaches AWS; `ektp.services` are the use cases the handlers call.
"""
