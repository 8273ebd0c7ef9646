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
        let e = Preset::from_name("nature").unwrap_err();
        assert!(e.contains("nature") && e.contains("bmc-double"), "{e}");
    }
}
