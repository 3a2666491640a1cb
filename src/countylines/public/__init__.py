"""Reports from the public and the analysts' triage queue (issue 7, parts 1 and 3).

* The **public reporting page** is a separate application (:mod:`.app`,
  ``countylines serve-public``): no login, no cookie, no third-party resource,
  and no IP address, user agent or other identifier read, stored or logged
  (:mod:`.anonymity`). Abuse is controlled without identity (:mod:`.abuse`):
  a short-lived single-use form token, a global rate limit, size limits and a
  honeypot field. Submissions are checked in :mod:`.form` and stored by
  :mod:`.intake` with the time of arrival coarsened to the hour.
* The **triage queue** (:mod:`.triage`, pages in ``countylines.web.views.triage``)
  shows each report with its extracted mentions (:mod:`countylines.extract`),
  links to what the workspace already knows (:mod:`.links`), likely duplicates
  (:mod:`.duplicates`) and suggested THRIVE fields and 3x5x2 grading
  (:mod:`.suggest`); accepting it makes a graded intelligence report. Every
  step is in the DPA 2018 s.62 log.

See docs/public-reports.md.
"""
