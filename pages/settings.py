"""Réglages: the workspace's name, default country and alcohol rules; where the data lives."""

import streamlit as st

from lib.contacts.countries import regions_by_name
from lib.db import DatabaseUnavailable
from lib.i18n import get_language, t
from lib.segments.rules import FRENCH_DEPARTMENTS
from lib.settings import load_settings
from lib.ui.audit import render_audit
from lib.ui.session import context
from lib.ui.shop_webhooks import render_shop_webhooks
from lib.ui.text import named_country, plain
from lib.workspaces import WorkspaceError, check_public_base_url, update_workspace

ctx = context()
st.title(t("settings.title"))

st.subheader(t("settings.workspace"))
# only owners change settings (row level security refuses anyone else's update)
read_only = ctx.workspace.role != "owner"
if ctx.workspace.role == "viewer":
    st.info(t("settings.viewer"))
elif read_only:
    st.info(t("team.settings.owner_only"))
regions = regions_by_name(get_language())
with st.form("settings_form", border=True):
    name = st.text_input(t("settings.name"), value=ctx.workspace.name, max_chars=120, key="settings_name")
    region = st.selectbox(t("settings.region"), regions, index=regions.index(ctx.workspace.default_region),
                          help=t("settings.region_help"), key="settings_region", format_func=named_country)
    alcohol = st.toggle(t("settings.alcohol"), value=ctx.workspace.is_alcohol, help=t("settings.alcohol_help"),
                        key="settings_alcohol")
    st.markdown("**" + t("settings.zone") + "**", help=t("settings.zone_help"))
    countries = st.multiselect(t("settings.zone_countries"), regions, default=list(ctx.workspace.delivery_countries),
                               key="settings_zone_countries", placeholder=t("segpage.choose"),
                               format_func=named_country)
    departments = st.multiselect(t("settings.zone_departments"), FRENCH_DEPARTMENTS,
                                 default=[d for d in ctx.workspace.delivery_departments if d in FRENCH_DEPARTMENTS],
                                 key="settings_zone_departments", placeholder=t("settings.zone_all_departments"))
    base_url = st.text_input(t("team.settings.base_url"), value=ctx.workspace.public_base_url or "", max_chars=300,
                             placeholder=load_settings().public_base_url, key="settings_base_url",
                             help=t("team.settings.base_url_help", default=load_settings().public_base_url))
    submitted = st.form_submit_button(t("settings.save"), disabled=read_only, type="primary")
if submitted:
    if not name.strip():
        st.error(t("settings.name_required"))
    elif not countries:
        st.error(t("settings.zone_required"))
    else:
        try:
            check_public_base_url(base_url)
            saved = update_workspace(ctx.db, ctx.principal, ctx.workspace.id, name=name.strip(),
                                     default_region=region, is_alcohol=alcohol, delivery_countries=countries,
                                     delivery_departments=departments, public_base_url=base_url)
            if saved:
                st.success(t("settings.saved"))
            else:
                st.error(t("team.settings.owner_only"))
        except WorkspaceError as exc:
            st.error(exc.message)
        except DatabaseUnavailable as exc:
            st.error(plain(exc.message))

st.subheader(t("settings.database"))
settings = load_settings()
if settings.embedded:
    st.write(t("settings.db_embedded", path=str(settings.data_dir)))
else:
    st.write(t("settings.db_external", target=ctx.db.target))

render_shop_webhooks(ctx)
render_audit(ctx)
