"""PyInstaller runtime hook: pyHanko's network clients, left out of the bundle.

The program signs and verifies offline (no time-stamping server, no OCSP/CRL fetching:
`trust.pdf_signing` validates with allow_fetching=False), so aiohttp and the modules of
pyHanko that import it are excluded by build.spec. pyHanko still imports two of them by
name (`pyhanko.sign.timestamps` re-exports HTTPTimeStamper; the certificate validator's
default fetcher backend is aiohttp's): these stand-ins take their place and refuse to
be used, so an accidental network call is an error, never a fetch.
"""

import sys
import types


class _Offline:
    def __init__(self, *args: object, **kwargs: object) -> None:
        raise RuntimeError("qz-evaluator works offline: pyHanko's network clients are not bundled")


def _stand_in(name: str, **attributes: object) -> None:
    module = types.ModuleType(name, "offline stand-in (installer/pyinstaller/rthook_offline.py)")
    module.__dict__.update(attributes)
    sys.modules[name] = module


_stand_in("pyhanko.sign.timestamps.aiohttp_client", HTTPTimeStamper=_Offline)
_stand_in("pyhanko_certvalidator.fetchers.aiohttp_fetchers", AIOHttpFetcherBackend=_Offline)
