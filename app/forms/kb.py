"""The knowledge base's forms: a group (a name per language), an article's text in one language,
and a reader's "Was this article helpful?" answer."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from app.forms.fields import NumberField, RichTextField
from app.labels.options import ARTICLE_VISIBILITY_LABELS
from app.labels.statuses import ARTICLE_STATUS_LABELS


class KbGroupForm(FlaskForm):
    position = NumberField(_l("Order"), validators=[Optional()],
                           description=_l("Groups are listed from the lowest number."))  # fmt: skip


def group_form(languages: list[tuple[str, str]], default: str, **kwargs) -> FlaskForm:
    """A group's form with one name field per language (code, name), the default one first."""
    ordered = sorted(languages, key=lambda item: item[0] != default)
    fields = {f"name_{code}": StringField(name, render_kw={"lang": code.replace("_", "-")})
              for code, name in ordered}  # fmt: skip
    form_class = type("KbGroupNamesForm", (KbGroupForm,), fields)
    form = form_class(**kwargs)
    form.name_fields = [form[f"name_{code}"] for code, _name in ordered]
    return form


def _choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(key, text) for key, text in labels.items()]


class ArticleForm(FlaskForm):
    # "1" when the page was opened on a language the article did not have yet: saving it then
    # adds that language, and is refused if a colleague added it meanwhile (never overwritten).
    adding = HiddenField()
    title = StringField(_l("Title"))
    slug = StringField(
        _l("Web address"),
        description=_l("Letters a-z, digits and hyphens; left empty, it is made from the title."),
    )
    group_id = SelectField(_l("Group"), validate_choice=False)
    status = SelectField(
        _l("Status"), validate_choice=False, choices=_choices(ARTICLE_STATUS_LABELS)
    )
    visibility = SelectField(_l("Who may read it"), validate_choice=False, default="portal",
                             choices=_choices(ARTICLE_VISIBILITY_LABELS))  # fmt: skip
    body = RichTextField(
        _l("Text"),
        render_kw={"rows": 14},
        description=_l("Bold, italic, lists and links are kept; anything else is removed."),
    )

    def __init__(self, groups: list[tuple[int, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.group_id.choices = [SelectChoice("", _l("Choose a group"))] + [
            SelectChoice(str(group_id), name) for group_id, name in groups
        ]


class VoteForm(FlaskForm):
    helpful = HiddenField()
    comment = TextAreaField(_l("What were you looking for? (optional)"),
                            render_kw={"rows": 3})  # fmt: skip
