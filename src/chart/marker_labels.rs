//! Short names on the event markers a user picked, at the top of the plot: the screen and the
//! exports place them with [`place_marker_labels`], each in its own units.

use super::model::Marker;

/// Longer event names are cut with "…"; the tooltip names them whole.
const MARKER_LABEL_CHARACTERS: usize = 26;
/// Space between a label and the marker line, and between two labels on one row.
const GAP: f64 = 4.0;

/// The short name of an event on its marker: the name, cut, with the year when the name has
/// none ("Joint Sea-2012", "Putin visits Beijing · 2024").
pub fn marker_short_label(name: &str, year: i32) -> String {
    let mut short = name.to_owned();
    if name.chars().count() > MARKER_LABEL_CHARACTERS {
        let kept: String = name.chars().take(MARKER_LABEL_CHARACTERS - 1).collect();
        // At a word's end where one is near, else mid-word.
        let cut = match kept.rfind(' ') {
            Some(at) if at >= MARKER_LABEL_CHARACTERS / 2 => &kept[..at],
            _ => kept.as_str(),
        };
        short = format!("{}…", cut.trim_end_matches([' ', ':', ',', ';', '-']));
    }
    if !name.contains(&year.to_string()) {
        short = format!("{short} · {year}");
    }
    short
}

/// Where a labelled marker's name goes.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkerLabel {
    /// An index into the chart's markers.
    pub marker: usize,
    /// The left edge of the text, on the screen.
    pub left: f64,
    /// The row from the top of the plot, 0 first: labels that would overlap go a row down.
    pub row: usize,
}

/// The labels of the markers marked `labelled`, each right of its line (left of it where the
/// plot ends first), in the first row from the top where it overlaps no other. `x_on_screen`
/// places a marker (`None` for one not drawn); `char_width` is a character's width on the
/// screen.
pub fn place_marker_labels(
    markers: &[Marker],
    x_on_screen: impl Fn(&Marker) -> Option<f64>,
    (left_edge, right_edge): (f64, f64),
    char_width: f64,
) -> Vec<MarkerLabel> {
    let mut shown: Vec<(usize, f64)> = markers
        .iter()
        .enumerate()
        .filter(|(_, m)| m.labelled)
        .filter_map(|(index, m)| {
            let x = x_on_screen(m)?;
            (left_edge..=right_edge).contains(&x).then_some((index, x))
        })
        .collect();
    shown.sort_by(|a, b| a.1.total_cmp(&b.1));
    // The right edge of the last label in each row.
    let mut rows: Vec<f64> = Vec::new();
    shown
        .into_iter()
        .map(|(index, x)| {
            let width = markers[index].short_label.chars().count() as f64 * char_width;
            let left = if x + GAP + width <= right_edge {
                x + GAP
            } else {
                (x - GAP - width).max(left_edge)
            };
            let row = rows
                .iter()
                .position(|&end| end + GAP <= left)
                .unwrap_or(rows.len());
            if row == rows.len() {
                rows.push(left + width);
            } else {
                rows[row] = left + width;
            }
            MarkerLabel {
                marker: index,
                left,
                row,
            }
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // positions of whole points, exact in binary
mod tests {
    use super::*;
    use crate::chart::PointRef;
    use crate::data::EventKind;

    fn marker(x: f64, name: &str, labelled: bool) -> Marker {
        Marker {
            kind: EventKind::Exercise,
            x,
            label: name.to_owned(),
            short_label: marker_short_label(name, x as i32),
            labelled,
            refers_to: PointRef::Year(x as i32),
            sources: Vec::new(),
        }
    }

    #[test]
    fn short_names_keep_the_year_and_fit_a_line() {
        assert_eq!(marker_short_label("Joint Sea-2012", 2012), "Joint Sea-2012");
        assert_eq!(
            marker_short_label(
                "Treaty of Good-Neighbourliness and Friendly Cooperation",
                2001
            ),
            "Treaty of Good-Neighbourl… · 2001"
        );
        assert_eq!(
            marker_short_label("Beijing joint statement: \"no limits\"", 2022),
            "Beijing joint statement… · 2022"
        );
    }

    #[test]
    fn labels_of_picked_markers_stack_only_where_they_would_overlap() {
        // One screen unit per year from 2000; characters one unit wide.
        let markers = [
            marker(2010.0, "Aaaa 2010", true),
            marker(2012.0, "Bbbb 2012", true),
            marker(2030.0, "Cccc 2030", true),
            marker(2020.0, "not picked 2020", false),
            marker(2049.0, "Dddd 2049", true),
        ];
        let labels = place_marker_labels(&markers, |m| Some(m.x - 2000.0), (0.0, 50.0), 1.0);
        let placed: Vec<(usize, f64, usize)> =
            labels.iter().map(|l| (l.marker, l.left, l.row)).collect();
        assert_eq!(
            placed,
            [
                (0, 14.0, 0),
                // Would start inside the first label: a row down.
                (1, 16.0, 1),
                (2, 34.0, 0),
                // No room right of the line at the plot's edge: left of it.
                (4, 36.0, 1),
            ]
        );
    }
}
