//! A believable Thai catalog for demos: a category tree and a few hundred products generated from items,
//! pack sizes and (fictional) brands, with valid EAN-13 barcodes.

use rust_decimal::Decimal;

/// A leaf category and what it sells.
pub struct Shelf {
    /// Parent category (Thai, English).
    pub group: (&'static str, &'static str),
    /// This category (Thai, English).
    pub name: (&'static str, &'static str),
    /// SKU prefix.
    pub code: &'static str,
    /// Items: code, Thai name, English name.
    pub items: &'static [(&'static str, &'static str, &'static str)],
    /// Pack sizes: code, Thai label, English label, unit, price of the smallest brand in baht.
    pub sizes: &'static [(&'static str, &'static str, &'static str, &'static str, u32)],
}

/// Fictional brands: code, Thai, English, price factor in percent.
pub const BRANDS: [(&str, &str, &str, u32); 4] = [
    ("SY", "ตราสยาม", "Siam", 90),
    ("DN", "ตราดาวเหนือ", "North Star", 100),
    ("BB", "ตราใบบัว", "Lotus Leaf", 115),
    ("NK", "ตรานาคา", "Naka", 130),
];

/// The demo shelves.
pub const SHELVES: &[Shelf] = &[
    Shelf {
        group: ("อาหารแห้ง", "Dry food"),
        name: ("ข้าวสาร", "Rice"),
        code: "RICE",
        items: &[
            ("JAS", "ข้าวหอมมะลิ", "Jasmine rice"),
            ("WHT", "ข้าวขาว", "White rice"),
            ("STK", "ข้าวเหนียว", "Sticky rice"),
            ("BRN", "ข้าวกล้อง", "Brown rice"),
        ],
        sizes: &[
            ("1KG", "1 กก.", "1 kg", "ถุง", 45),
            ("5KG", "5 กก.", "5 kg", "ถุง", 189),
            ("15KG", "15 กก.", "15 kg", "กระสอบ", 520),
        ],
    },
    Shelf {
        group: ("อาหารแห้ง", "Dry food"),
        name: ("เส้นและบะหมี่", "Noodles"),
        code: "NDL",
        items: &[
            ("SML", "เส้นเล็ก", "Thin rice noodles"),
            ("BIG", "เส้นใหญ่", "Wide rice noodles"),
            ("INS", "บะหมี่กึ่งสำเร็จรูปต้มยำ", "Tom yum instant noodles"),
        ],
        sizes: &[
            ("PK", "ห่อ", "pack", "ห่อ", 12),
            ("BX", "ลัง 30 ห่อ", "case of 30", "ลัง", 330),
        ],
    },
    Shelf {
        group: ("อาหารแห้ง", "Dry food"),
        name: ("เครื่องปรุงรส", "Seasoning"),
        code: "SEA",
        items: &[
            ("FSH", "น้ำปลาแท้", "Fish sauce"),
            ("SOY", "ซีอิ๊วขาว", "Light soy sauce"),
            ("OYS", "ซอสหอยนางรม", "Oyster sauce"),
            ("SGR", "น้ำตาลทราย", "Sugar"),
        ],
        sizes: &[
            ("S", "ขวดเล็ก", "small bottle", "ขวด", 25),
            ("L", "ขวดใหญ่", "large bottle", "ขวด", 45),
        ],
    },
    Shelf {
        group: ("อาหารแห้ง", "Dry food"),
        name: ("น้ำมันพืช", "Cooking oil"),
        code: "OIL",
        items: &[
            ("PLM", "น้ำมันปาล์ม", "Palm oil"),
            ("SOY", "น้ำมันถั่วเหลือง", "Soybean oil"),
            ("RCB", "น้ำมันรำข้าว", "Rice bran oil"),
        ],
        sizes: &[
            ("1L", "1 ลิตร", "1 L", "ขวด", 52),
            ("5L", "5 ลิตร", "5 L", "แกลลอน", 239),
        ],
    },
    Shelf {
        group: ("เครื่องดื่ม", "Beverages"),
        name: ("น้ำดื่ม", "Drinking water"),
        code: "WTR",
        items: &[
            ("DRK", "น้ำดื่ม", "Drinking water"),
            ("MIN", "น้ำแร่", "Mineral water"),
        ],
        sizes: &[
            ("600", "600 มล. แพ็ก 12", "600 ml x12", "แพ็ก", 59),
            ("1500", "1.5 ลิตร แพ็ก 6", "1.5 L x6", "แพ็ก", 72),
        ],
    },
    Shelf {
        group: ("เครื่องดื่ม", "Beverages"),
        name: ("กาแฟ", "Coffee"),
        code: "COF",
        items: &[
            ("3IN1", "กาแฟ 3in1", "3-in-1 coffee"),
            ("BLK", "กาแฟดำ", "Black coffee"),
            ("BEAN", "เมล็ดกาแฟคั่ว", "Roasted coffee beans"),
        ],
        sizes: &[
            ("S", "ห่อเล็ก", "small pack", "ห่อ", 65),
            ("L", "ห่อใหญ่", "large pack", "ห่อ", 155),
        ],
    },
    Shelf {
        group: ("เครื่องดื่ม", "Beverages"),
        name: ("ชาและเครื่องดื่มชง", "Tea"),
        code: "TEA",
        items: &[
            ("THA", "ชาไทย", "Thai tea"),
            ("GRN", "ชาเขียว", "Green tea"),
            ("COC", "โกโก้", "Cocoa"),
        ],
        sizes: &[
            ("S", "ห่อเล็ก", "small pack", "ห่อ", 55),
            ("L", "ห่อใหญ่", "large pack", "ห่อ", 135),
        ],
    },
    Shelf {
        group: ("ของใช้ในบ้าน", "Household"),
        name: ("ผลิตภัณฑ์ซักผ้า", "Laundry"),
        code: "LDY",
        items: &[
            ("PWD", "ผงซักฟอก", "Washing powder"),
            ("LIQ", "น้ำยาซักผ้า", "Liquid detergent"),
            ("SFT", "น้ำยาปรับผ้านุ่ม", "Fabric softener"),
        ],
        sizes: &[
            ("S", "ถุงเล็ก", "small bag", "ถุง", 49),
            ("L", "ถุงใหญ่", "large bag", "ถุง", 179),
        ],
    },
    Shelf {
        group: ("ของใช้ในบ้าน", "Household"),
        name: ("น้ำยาล้างจาน", "Dishwashing"),
        code: "DSH",
        items: &[
            ("LMN", "น้ำยาล้างจานกลิ่นมะนาว", "Lemon dish soap"),
            ("TEA", "น้ำยาล้างจานชาเขียว", "Green tea dish soap"),
        ],
        sizes: &[
            ("500", "500 มล.", "500 ml", "ขวด", 29),
            ("3600", "3.6 ลิตร", "3.6 L", "แกลลอน", 149),
        ],
    },
    Shelf {
        group: ("ของใช้ในบ้าน", "Household"),
        name: ("กระดาษทิชชู่", "Tissue"),
        code: "TIS",
        items: &[
            ("ROL", "กระดาษชำระม้วน", "Toilet roll"),
            ("BOX", "กระดาษเช็ดหน้า", "Facial tissue"),
        ],
        sizes: &[
            ("6", "แพ็ก 6", "pack of 6", "แพ็ก", 69),
            ("24", "แพ็ก 24", "pack of 24", "แพ็ก", 239),
        ],
    },
    Shelf {
        group: ("ของใช้ส่วนตัว", "Personal care"),
        name: ("สบู่และครีมอาบน้ำ", "Soap"),
        code: "SOP",
        items: &[
            ("BAR", "สบู่ก้อนสมุนไพร", "Herbal soap bar"),
            ("GEL", "ครีมอาบน้ำ", "Shower gel"),
        ],
        sizes: &[
            ("S", "ขนาดเล็ก", "small", "ชิ้น", 25),
            ("L", "ขนาดใหญ่", "large", "ชิ้น", 119),
        ],
    },
    Shelf {
        group: ("ของใช้ส่วนตัว", "Personal care"),
        name: ("ยาสีฟัน", "Toothpaste"),
        code: "TPS",
        items: &[
            ("HRB", "ยาสีฟันสมุนไพร", "Herbal toothpaste"),
            ("WHT", "ยาสีฟันสูตรฟันขาว", "Whitening toothpaste"),
        ],
        sizes: &[
            ("100", "100 กรัม", "100 g", "หลอด", 39),
            ("160", "160 กรัม", "160 g", "หลอด", 59),
        ],
    },
    Shelf {
        group: ("ขนมขบเคี้ยว", "Snacks"),
        name: ("ข้าวเกรียบและมันฝรั่ง", "Chips"),
        code: "CHP",
        items: &[
            ("PRN", "ข้าวเกรียบกุ้ง", "Prawn crackers"),
            ("POT", "มันฝรั่งทอดรสออริจินัล", "Potato chips"),
            ("SEA", "สาหร่ายทอดกรอบ", "Crispy seaweed"),
        ],
        sizes: &[
            ("S", "ซองเล็ก", "small bag", "ซอง", 20),
            ("L", "ซองใหญ่", "large bag", "ซอง", 45),
        ],
    },
];

/// One demo product.
pub struct DemoProduct {
    /// The leaf category (Thai name) it belongs to.
    pub shelf: &'static Shelf,
    /// SKU.
    pub sku: String,
    /// EAN-13 barcode.
    pub barcode: String,
    /// Thai name.
    pub name_th: String,
    /// English name.
    pub name_en: String,
    /// Unit of measure.
    pub unit: &'static str,
    /// Price in baht.
    pub price: Decimal,
}

/// Every demo product, in a stable order.
pub fn products() -> Vec<DemoProduct> {
    let mut products = Vec::new();
    for shelf in SHELVES {
        for (item_code, item_th, item_en) in shelf.items {
            for (size_code, size_th, size_en, unit, base_price) in shelf.sizes {
                for (brand_code, brand_th, brand_en, factor) in BRANDS {
                    let serial = products.len() as u64 + 1;
                    products.push(DemoProduct {
                        shelf,
                        sku: format!("{}-{item_code}-{size_code}-{brand_code}", shelf.code),
                        barcode: ean13(885_000_000_000 + serial),
                        name_th: format!("{item_th}{brand_th} {size_th}"),
                        name_en: format!("{brand_en} {item_en} {size_en}"),
                        unit,
                        price: Decimal::from(base_price * factor) / Decimal::from(100),
                    });
                }
            }
        }
    }
    products
}

/// A 13-digit EAN with its check digit, from the first 12 digits.
fn ean13(first_twelve: u64) -> String {
    let digits = format!("{first_twelve:012}");
    let sum: u32 = digits
        .chars()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(index, digit)| if index % 2 == 0 { digit } else { digit * 3 })
        .sum();
    format!("{digits}{}", (10 - sum % 10) % 10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::products::model::{Barcode, Sku};

    #[test]
    fn demo_products_are_valid_and_unique() {
        let products = products();
        assert!(products.len() >= 250, "{}", products.len());
        let mut skus: Vec<_> = products
            .iter()
            .map(|product| product.sku.to_lowercase())
            .collect();
        skus.sort();
        skus.dedup();
        assert_eq!(skus.len(), products.len());
        for product in &products {
            assert!(Sku::parse(&product.sku).is_some(), "{}", product.sku);
            assert!(
                Barcode::parse(&product.barcode).is_ok(),
                "{}",
                product.barcode
            );
        }
    }
}
