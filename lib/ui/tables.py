"""Tables as a marketer reads them: an empty cell for « nothing », « oui » / « non » for yes and no, instants in
Paris time (« 03/12/2026 21:19 »).

Streamlit writes a missing value as « None » and a boolean as a checkbox or « true » / « false », in English
whatever the page's language. Every table of the app goes through ``show_table``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from lib.audit import local_time
from lib.i18n import t


def for_people(data: Any) -> Any:
    """``data`` with missing text shown empty and booleans as the catalog's yes/no; anything that is not a
    DataFrame or Series is returned as it is."""
    if isinstance(data, pd.Series):
        return for_people(data.to_frame())
    if not isinstance(data, pd.DataFrame):
        return data
    frame = data.copy()
    yes, no = t("tables.yes"), t("tables.no")
    for name in frame.columns:
        column = frame[name]
        if pd.api.types.is_bool_dtype(column):
            frame[name] = column.map({True: yes, False: no})
        elif pd.api.types.is_datetime64_any_dtype(column):
            frame[name] = [_cell(value.to_pydatetime() if not pd.isna(value) else None, yes, no) for value in column]
        elif column.dtype == object or pd.api.types.is_string_dtype(column):
            frame[name] = [_cell(value, yes, no) for value in column]
    return frame


def _cell(value: Any, yes: str, no: str) -> Any:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return yes if value else no
    if isinstance(value, dt.datetime):
        return local_time(value if value.tzinfo else value.replace(tzinfo=dt.UTC))  # Paris time, everywhere
    return value


def show_table(data: Any, **options: Any) -> Any:
    """``st.dataframe`` of ``data`` as people read it (see ``for_people``); same options."""
    return st.dataframe(for_people(data), **options)
