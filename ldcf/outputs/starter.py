"""The files `ldcf init` writes: a starter overlay with a commented example local role and a README."""

from __future__ import annotations

STARTER_ROLE = "roles/local-practitioner.yaml"


def starter_files(folder: str) -> dict[str, str]:
    """File contents by path inside the overlay folder; `folder` is how the user named it, for the commands."""
    role = f"""\
# A local role, based on a national one. It inherits the national role's level and every competence that role
# holds; list here only what your service adds. Check it with:  ldcf --data {folder} validate
id: local-practitioner                # the file name, without .yaml
title: Local Practitioner             # your job title
based_on: practitioner                # the national role this job fits best (see: ldcf roles)
source:
  document: Our job description       # where this role is written down
# employer: Our organisation
# location: The custody suites and courts we serve
# afc_band: 6                         # recorded only: a band never implies a Career Framework level
locality_specific:                    # what your service adds, by NOS code (find them: ldcf competence search "...")
  - competences:
      - GEN99
"""
    readme = f"""\
# Local framework overlay

This folder adds a service's own roles and competences to the national Liaison and Diversion framework
without copying or changing the national data. Each role here may be `based_on` a national role: it then
inherits that role's level and competences, and adds its own locality-specific ones.

## Validate

```sh
ldcf --data {folder} validate
```

It checks these files together with the national data and reports each problem as FILE:LINE:COL, exiting 1
on any error. Run it after every edit, and in CI.

## Use

```sh
ldcf --data {folder} role show local-practitioner
ldcf --data {folder} gap support-worker local-practitioner
```

## Add to it

- A role: copy `{STARTER_ROLE}` to `roles/<id>.yaml` and change `id` to match the file name.
- A local competence with no NOS code: add `competences.yaml` here, for example

  ```yaml
  competences:
    - id: act-as-key-interface-with-partners
      title: Act as key interface with partners
      source: Our job description
  ```

  (the id is the title in lower case, joined by hyphens), and list it in a role by that id.
"""
    return {STARTER_ROLE: role, "README.md": readme}
