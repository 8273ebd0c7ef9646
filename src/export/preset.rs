//! Journal presets: the width, resolution and format a journal asks for.

use super::ExportFormat;

/// A journal's figure requirements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Preset {
    /// BMC, single column: 85 mm wide, at least 300 dpi.
    BmcSingle,
    /// BMC, double column: 176 mm wide, at least 300 dpi.
    BmcDouble,
    /// PLOS: TIFF at 300 dpi, up to 19.05 cm wide.
    Plos,
}

impl Preset {
    /// Every preset, in the order the help lists them.
    pub const ALL: [Preset; 3] = [Preset::BmcSingle, Preset::BmcDouble, Preset::Plos];

    /// The name given on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Preset::BmcSingle => "bmc-single",
            Preset::BmcDouble => "bmc-double",
            Preset::Plos => "plos",
        }
    }

    /// The preset with this name.
    pub fn from_name(name: &str) -> Result<Preset, String> {
        Preset::ALL
            .into_iter()
            .find(|p| p.name() == name.trim().to_ascii_lowercase())
            .ok_or_else(|| {
                let names: Vec<&str> = Preset::ALL.iter().map(|p| p.name()).collect();
                format!(
                    "unknown preset {name:?}; the presets are {}",
                    names.join(", ")
                )
            })
    }

    /// The printed width, in millimetres.
    pub fn width_mm(self) -> f64 {
        match self {
            Preset::BmcSingle => 85.0,
            Preset::BmcDouble => 176.0,
            Preset::Plos => 190.5,
        }
    }

    /// The narrowest and widest a figure may be, in millimetres.
    pub fn width_range_mm(self) -> (f64, f64) {
        match self {
            Preset::BmcSingle | Preset::BmcDouble => (0.0, 176.0),
            Preset::Plos => (66.8, 190.5),
        }
    }

    /// The lowest and highest resolution accepted for a raster, in dpi.
    pub fn dpi_range(self) -> (f64, f64) {
        match self {
            Preset::BmcSingle | Preset::BmcDouble => (300.0, f64::INFINITY),
            Preset::Plos => (300.0, 600.0),
        }
    }

    /// The tallest a figure may be, in millimetres: PLOS's 2,625 pixels at
    /// 300 dpi; BMC gives no figure, and a figure taller than an A4 page
    /// (297 mm) cannot be printed on one.
    pub fn max_height_mm(self) -> f64 {
        match self {
            Preset::BmcSingle | Preset::BmcDouble => 297.0,
            Preset::Plos => 222.25,
        }
    }

    /// What the journal would object to in a figure of this width and
    /// height (mm) and, for a raster, resolution.
    pub fn objections(self, width_mm: f64, height_mm: f64, dpi: Option<f64>) -> Vec<String> {
        let mut out = Vec::new();
        let (narrowest, widest) = self.width_range_mm();
        if width_mm < narrowest || width_mm > widest {
            out.push(format!(
                "{} asks for a width {}up to {widest} mm; this figure is {width_mm:.1} mm wide",
                self.name(),
                if narrowest > 0.0 {
                    format!("from {narrowest} ")
                } else {
                    String::new()
                }
            ));
        }
        let tallest = self.max_height_mm();
        if height_mm > tallest {
            out.push(format!(
                "this figure is {height_mm:.1} mm tall, taller than {}: fewer nodes (--node) make it shorter",
                match self {
                    Preset::Plos => format!("the {tallest} mm plos allows"),
                    _ => format!("an A4 page ({tallest} mm)"),
                }
            ));
        }
        if let Some(dpi) = dpi {
            let (low, high) = self.dpi_range();
            if dpi < low || dpi > high {
                out.push(format!(
                    "{} asks for {}; this raster is {dpi} dpi",
                    self.name(),
                    if high.is_finite() {
                        format!("{low}–{high} dpi")
                    } else {
                        format!("{low} dpi or more")
                    }
                ));
            }
        }
        out
    }

    /// The resolution of a raster export.
    pub fn dpi(self) -> f64 {
        300.0
    }

    /// The format the journal asks for, when it asks for one.
    pub fn format(self) -> Option<ExportFormat> {
        match self {
            Preset::Plos => Some(ExportFormat::Tiff),
            Preset::BmcSingle | Preset::BmcDouble => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_are_found_by_name_and_unknown_names_list_the_choices() {
        for p in Preset::ALL {
            assert_eq!(Preset::from_name(p.name()), Ok(p));
        }
        assert_eq!(Preset::from_name("BMC-Single"), Ok(Preset::BmcSingle));
        assert_eq!(Preset::Plos.width_mm(), 190.5);
        assert!(Preset::BmcDouble
            .objections(176.0, 230.0, Some(300.0))
            .is_empty());
        let tall = Preset::BmcSingle.objections(85.0, 322.4, None);
        assert_eq!(
            tall,
            ["this figure is 322.4 mm tall, taller than an A4 page (297 mm): fewer nodes (--node) make it shorter"]
        );
        let o = Preset::Plos.objections(250.0, 100.0, Some(1200.0));
        assert_eq!(o.len(), 2, "{o:?}");
        assert!(
            o[0].contains("from 66.8 up to 190.5 mm") && o[0].contains("250.0 mm"),
            "{}",
            o[0]
        );
        assert!(
            o[1].contains("300–600 dpi") && o[1].contains("1200 dpi"),
            "{}",
            o[1]
        );
        let e = Preset::from_name("nature").unwrap_err();
        assert!(e.contains("nature") && e.contains("bmc-double"), "{e}");
    }
}
