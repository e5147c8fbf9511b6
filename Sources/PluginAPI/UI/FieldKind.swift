import Foundation

/// What kind of control a ``FormField`` renders.
public enum FieldKind: Sendable, Equatable {
    /// `<input type="text">`.
    case text
    /// `<input type="password">`; the value is never echoed back.
    case password
    /// `<input type="email">`.
    case email
    /// `<input type="tel">`.
    case tel
    /// `<input type="number">`.
    case number
    /// `<input type="date">` (value `yyyy-MM-dd`).
    case date
    /// `<input type="datetime-local">` (value `yyyy-MM-ddTHH:mm`).
    case datetime
    /// `<textarea>` with the given number of rows; spans both grid columns.
    case textarea(rows: Int)
    /// `<select>`; `allowEmpty` adds a first empty option ("请选择", or the field's placeholder).
    case select(options: [SelectOption], allowEmpty: Bool)
    /// A group of checkboxes sharing the field name; the field value is the comma-joined selection.
    case multiSelect(options: [SelectOption])
    /// A single checkbox submitting `1`; checked when the field value is `"1"`, `"true"` or `"on"`.
    case checkbox
    /// A group of radio buttons.
    case radio(options: [SelectOption])
    /// `<input type="file">` restricted by `accept` (e.g. `"image/*"`); use with a multipart ``FormView``.
    case file(accept: String)
    /// `<input type="hidden">`, rendered without label or wrapper.
    case hidden
    /// Two inputs "from – to" (e.g. age 20–30): the field's `name`/`value` is the lower bound,
    /// `toName`/`toValue` the upper one.
    case range(toName: String, toValue: String)
}
