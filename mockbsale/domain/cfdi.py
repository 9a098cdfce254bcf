"""Mexico's CFDI 4.0: the SAT catalogs a Bsale document names (use, payment form and method, fiscal
regime, global periodicity) and the CFDI fields of `POST /v1/documents.json`, read and checked.

Bsale documents `cfdiUse`, `cfdiPaymentTypeCode`, `cfdiOrigin`, `globalCfdiPeriodicity`,
`globalCfdiMonth` and `globalCfdiYear` on a document, `postalCode` and `regime` on its client; the
payment method (PUE, PPD) is not a request field: the SAT derives it from whether the document is
paid when issued, and so does the mock.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from typing import Any

from mockbsale.domain.body import read
from mockbsale.http.errors import bad_request
from mockbsale.store.table import Row

# c_UsoCFDI (CFDI 4.0)
USES = {
    "G01": "Adquisición de mercancías", "G02": "Devoluciones, descuentos o bonificaciones",
    "G03": "Gastos en general", "I01": "Construcciones", "I02": "Mobiliario y equipo de oficina por inversiones",
    "I03": "Equipo de transporte", "I04": "Equipo de computo y accesorios",
    "I05": "Dados, troqueles, moldes, matrices y herramental", "I06": "Comunicaciones telefónicas",
    "I07": "Comunicaciones satelitales", "I08": "Otra maquinaria y equipo",
    "D01": "Honorarios médicos, dentales y gastos hospitalarios",
    "D02": "Gastos médicos por incapacidad o discapacidad", "D03": "Gastos funerales", "D04": "Donativos",
    "D05": "Intereses reales efectivamente pagados por créditos hipotecarios",
    "D06": "Aportaciones voluntarias al SAR", "D07": "Primas por seguros de gastos médicos",
    "D08": "Gastos de transportación escolar obligatoria", "D09": "Depósitos en cuentas para el ahorro",
    "D10": "Pagos por servicios educativos (colegiaturas)", "S01": "Sin efectos fiscales", "CP01": "Pagos",
    "CN01": "Nómina",
}
# c_FormaPago
PAYMENT_FORMS = {
    "01": "Efectivo", "02": "Cheque nominativo", "03": "Transferencia electrónica de fondos",
    "04": "Tarjeta de crédito", "05": "Monedero electrónico", "06": "Dinero electrónico", "08": "Vales de despensa",
    "12": "Dación en pago", "13": "Pago por subrogación", "14": "Pago por consignación", "15": "Condonación",
    "17": "Compensación", "23": "Novación", "24": "Confusión", "25": "Remisión de deuda",
    "26": "Prescripción o caducidad", "27": "A satisfacción del acreedor", "28": "Tarjeta de débito",
    "29": "Tarjeta de servicios", "30": "Aplicación de anticipos", "31": "Intermediario pagos", "99": "Por definir",
}
# c_MetodoPago
PAID_AT_ONCE, PAID_LATER = "PUE", "PPD"
# c_RegimenFiscal
REGIMES = {
    "601": "General de Ley Personas Morales", "603": "Personas Morales con Fines no Lucrativos",
    "605": "Sueldos y Salarios e Ingresos Asimilados a Salarios", "606": "Arrendamiento",
    "607": "Régimen de Enajenación o Adquisición de Bienes", "608": "Demás ingresos",
    "610": "Residentes en el Extranjero sin Establecimiento Permanente en México",
    "611": "Ingresos por Dividendos (socios y accionistas)",
    "612": "Personas Físicas con Actividades Empresariales y Profesionales",
    "614": "Ingresos por intereses", "615": "Régimen de los ingresos por obtención de premios",
    "616": "Sin obligaciones fiscales",
    "620": "Sociedades Cooperativas de Producción que optan por diferir sus ingresos",
    "621": "Incorporación Fiscal", "622": "Actividades Agrícolas, Ganaderas, Silvícolas y Pesqueras",
    "623": "Opcional para Grupos de Sociedades", "624": "Coordinados",
    "625": "Régimen de las Actividades Empresariales con ingresos a través de Plataformas Tecnológicas",
    "626": "Régimen Simplificado de Confianza",
}
# Bsale's globalCfdiPeriodicity -> SAT's c_Periodicidad
PERIODICITIES = {1: "01", 2: "02", 3: "03", 4: "04"}

PUBLIC_RFC = "XAXX010101000"
"""The SAT's generic RFC of sales to the general public (the global invoice's client)."""
FOREIGN_RFC = "XEXX010101000"
"""The SAT's generic RFC of a foreign client."""
GENERIC_RFCS = (PUBLIC_RFC, FOREIGN_RFC)
"""The SAT's generic RFCs (no date, no check digit)."""
DEFAULT_USE = "G03"
PUBLIC_USE = "S01"
PUBLIC_REGIME = "616"
UNDEFINED_FORM = "99"

INVALID_USE = "invalid cfdiUse"
INVALID_PAYMENT_FORM = "invalid cfdiPaymentTypeCode"
INVALID_PERIODICITY = "invalid globalCfdiPeriodicity"
INVALID_MONTH = "invalid globalCfdiMonth"
INVALID_YEAR = "invalid globalCfdiYear"
INVALID_REGIME = "invalid regime"
INVALID_POSTAL_CODE = "invalid postalCode"
POSTAL_CODE = re.compile(r"\d{5}")

CERTIFICATES = {"csd": "00001000000509963201", "sat": "00001000000509846663"}
"""The issuer's CSD and the SAT's certificate numbers (the documented example's)."""
SAT_RFC = "SAT970701NN3"
"""The SAT's RFC as the certifying provider of a stamp."""


def timestamp(seconds: int) -> str:
    """A CFDI date and time: `2023-05-22T10:14:45` (UTC)."""
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds))


def code_of(body: Mapping[str, Any], name: str, catalog: Mapping[str, str], message: str) -> str | None:
    """`body[name]` as a SAT catalog code (`612` and `"612"`, `3` and `"03"` alike); 400 `message` when unknown."""
    value = read(body, name, "str")
    if value is None:
        return None
    code = value.strip().upper()
    if code.isdigit() and code.zfill(2) in catalog:
        code = code.zfill(2)
    if code not in catalog:
        raise bad_request(message)
    return code


def document_cfdi(body: Mapping[str, Any], emission: int) -> Row:
    """The CFDI fields of a document body, checked against the SAT catalogs. A global invoice
    (`globalCfdiPeriodicity`) takes its month and year from the emission date when absent."""
    fields: Row = {
        "cfdiUse": code_of(body, "cfdiUse", USES, INVALID_USE),
        "cfdiPaymentTypeCode": code_of(body, "cfdiPaymentTypeCode", PAYMENT_FORMS, INVALID_PAYMENT_FORM),
        "cfdiOrigin": read(body, "cfdiOrigin", "int"),
        "globalCfdiPeriodicity": read(body, "globalCfdiPeriodicity", "int"),
        "globalCfdiMonth": read(body, "globalCfdiMonth", "int"),
        "globalCfdiYear": read(body, "globalCfdiYear", "int"),
    }
    periodicity = fields["globalCfdiPeriodicity"]
    if periodicity is None:
        return fields
    if periodicity not in PERIODICITIES:
        raise bad_request(INVALID_PERIODICITY)
    year, month = emission_year_month(emission)
    fields["globalCfdiMonth"] = month if fields["globalCfdiMonth"] is None else fields["globalCfdiMonth"]
    fields["globalCfdiYear"] = year if fields["globalCfdiYear"] is None else fields["globalCfdiYear"]
    if not 1 <= fields["globalCfdiMonth"] <= 12:
        raise bad_request(INVALID_MONTH)
    if not 2000 <= fields["globalCfdiYear"] <= 2100:
        raise bad_request(INVALID_YEAR)
    return fields


def client_fiscal_data(client: Mapping[str, Any]) -> Row:
    """`postalCode` (5 digits) and `regime` (c_RegimenFiscal) of an inline or posted client."""
    postal_code = read(client, "postalCode", "str")
    if postal_code is not None and not POSTAL_CODE.fullmatch(postal_code.strip()):
        raise bad_request(INVALID_POSTAL_CODE)
    regime = code_of(client, "regime", REGIMES, INVALID_REGIME)
    out: Row = {}
    if postal_code is not None:
        out["postalCode"] = postal_code.strip()
    if regime is not None:
        out["regime"] = regime
    return out


PUBLIC_CLIENT_ID = 1
"""The client Bsale reserves for the general public, the receiver of every global invoice."""


def global_invoice_client(body: Mapping[str, Any]) -> int | None:
    """A global invoice (`globalCfdiPeriodicity`) that names no client is the general public's."""
    return PUBLIC_CLIENT_ID if body.get("globalCfdiPeriodicity") not in (None, "") else None


RECEIVER_REQUIRED = ("code", "postalCode", "regime")


def receiver_required(client: Mapping[str, Any]) -> tuple[str, ...]:
    """What a CFDI asks of its receiver: RFC, postal code and regime; a generic RFC (the general
    public, a foreigner) only itself, the SAT fixing the rest."""
    code = str(client.get("code") or "").strip().upper()
    return ("code",) if code in GENERIC_RFCS else RECEIVER_REQUIRED


def payment_method(total: float, paid: float) -> str:
    """PUE (paid in one go when issued: nothing left to pay, a document of total 0 too) or PPD (in
    instalments or later), as the SAT defines them."""
    return PAID_AT_ONCE if paid >= total else PAID_LATER


def emission_year_month(emission: int) -> tuple[int, int]:
    moment = time.gmtime(emission)
    return moment.tm_year, moment.tm_mon
