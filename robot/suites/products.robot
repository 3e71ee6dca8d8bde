*** Settings ***
Documentation       The product catalog over HTTP: Thai names, categories, search, sorted pages, versions,
...                 archiving, validation and permissions.
...
...                 Every product gets a fresh SKU and every test that lists products creates a category of its
...                 own (with a unique name) and filters by it, so the suite can run again and again against the
...                 same database. Products are written by a MANAGER, read by anyone signed in; the manager and
...                 viewer sign in once per run (`Role Token`, shared with the other suites).
...                 Run with ``robot --variable BASE_URL:http://127.0.0.1:8080 robot/suites``.

Resource            ../resources/graphql.resource

Suite Setup         Prepare Products Suite

Test Tags           api    products


*** Variables ***
${RICE_NAME_TH}         ข้าวหอมมะลิตราฉัตรทอง
${RICE_NAME_EN}         Chatra Thong Jasmine Rice
# EAN-13 whose check digit should be 4: refused.
${BAD_EAN13}            8850999320015


*** Test Cases ***
Manager Creates A Product With Thai Names And A Category
    [Documentation]    A MANAGER creates a product with Thai and English names, a Thai unit, a barcode, a price
    ...    and a category; the product comes back active, at version 1, with its category.
    ${category}=    Create Run Category    ข้าวสาร
    ${sku}=    Unique Sku    rice
    ${barcode}=    Valid EAN-13
    ${product}=    Create Product As    ${MANAGER}    sku=${sku}    barcode=${barcode}
    ...    nameTh=${RICE_NAME_TH}    nameEn=${RICE_NAME_EN}    descriptionTh=ข้าวหอมมะลิแท้ 100% บรรจุถุง 5 กก.
    ...    unit=ถุง    price=189.00    cost=152.50    weightGrams=${5000}    categoryId=${category}[id]
    Should Be Equal    ${product}[sku]    ${sku}
    Should Be Equal    ${product}[barcode]    ${barcode}
    Should Be Equal    ${product}[nameTh]    ${RICE_NAME_TH}
    Should Be Equal    ${product}[nameEn]    ${RICE_NAME_EN}
    Should Be Equal    ${product}[descriptionTh]    ข้าวหอมมะลิแท้ 100% บรรจุถุง 5 กก.
    Should Be Equal    ${product}[unit]    ถุง
    Should Be Equal    ${product}[price]    189.00
    Should Be Equal    ${product}[cost]    152.50
    Should Be Equal As Integers    ${product}[weightGrams]    5000
    Should Be Equal    ${product}[categoryId]    ${category}[id]
    Should Be Equal    ${product}[category][nameTh]    ${category}[nameTh]
    Should Be True    $product['isActive']
    Should Be Equal As Integers    ${product}[version]    1

Product Is Read By Id And By SKU In Any Case
    [Documentation]    ``product(id)`` and ``productBySku`` return the same product to any signed-in user; the SKU
    ...    matches regardless of case and surrounding spaces. Unknown ids and SKUs give ``null``.
    ${product}=    Create Product As    ${MANAGER}    nameTh=น้ำปลาแท้ตราปลาหมึก    unit=ขวด    price=32.00
    ${by_id}=    Product By Id    ${VIEWER}    ${product}[id]
    Dictionaries Should Be Equal    ${by_id}    ${product}
    ${lower}=    Convert To Lower Case    ${product}[sku]
    ${by_sku}=    Product By SKU    ${VIEWER}    ${lower}
    Dictionaries Should Be Equal    ${by_sku}    ${product}
    ${by_padded_sku}=    Product By SKU    ${VIEWER}    ${SPACE}${product}[sku]${SPACE}
    Should Be Equal    ${by_padded_sku}[id]    ${product}[id]
    ${unknown_id}=    Evaluate    str(uuid.uuid4())    modules=uuid
    ${missing}=    Product By Id    ${VIEWER}    ${unknown_id}
    Should Be Equal    ${missing}    ${None}
    ${unknown_sku}=    Unique Sku    missing
    ${missing}=    Product By SKU    ${VIEWER}    ${unknown_sku}
    Should Be Equal    ${missing}    ${None}

Thai Search Finds A Word Inside Unspaced Thai Text
    [Documentation]    Thai is written without spaces between words: searching ``หอมมะลิ`` finds
    ...    ``ข้าวหอมมะลิตราฉัตรทอง`` and nothing without that word; ``ข้าว`` finds both rice products. The English
    ...    name and the SKU are searched too, regardless of case.
    ${category}=    Create Run Category    ค้นหา
    ${jasmine}=    Create Product As    ${MANAGER}    nameTh=${RICE_NAME_TH}    nameEn=${RICE_NAME_EN}
    ...    unit=ถุง    price=189.00    categoryId=${category}[id]
    ${sticky}=    Create Product As    ${MANAGER}    nameTh=ข้าวเหนียวเขี้ยวงู    nameEn=Glutinous Rice
    ...    unit=ถุง    price=65.00    categoryId=${category}[id]
    ${sauce}=    Create Product As    ${MANAGER}    nameTh=น้ำปลาแท้ตราปลาหมึก    nameEn=Fish Sauce
    ...    unit=ขวด    price=32.00    categoryId=${category}[id]
    ${found}=    Product Ids    ${VIEWER}    search=หอมมะลิ    categoryId=${category}[id]
    Lists Should Be Equal    ${found}    ${{ [$jasmine['id']] }}
    ${found}=    Product Ids    ${VIEWER}    search=ข้าว    categoryId=${category}[id]
    Lists Should Be Equal    ${found}    ${{ [$jasmine['id'], $sticky['id']] }}    ignore_order=True
    ${found}=    Product Ids    ${VIEWER}    search=ปลาหมึก    categoryId=${category}[id]
    Lists Should Be Equal    ${found}    ${{ [$sauce['id']] }}
    ${found}=    Product Ids    ${VIEWER}    search=JASMINE    categoryId=${category}[id]
    Lists Should Be Equal    ${found}    ${{ [$jasmine['id']] }}
    ${sku_part}=    Evaluate    $sticky['sku'][-13:].lower()
    ${found}=    Product Ids    ${VIEWER}    search=${sku_part}
    Lists Should Be Equal    ${found}    ${{ [$sticky['id']] }}
    # Without the category filter the newest match comes first.
    ${found}=    Product Ids    ${VIEWER}    search=หอมมะลิ
    Should Be Equal    ${found}[0]    ${jasmine}[id]
    ${found}=    Product Ids    ${VIEWER}    search=ไม่มีสินค้านี้แน่นอน    categoryId=${category}[id]
    Should Be Empty    ${found}

Products Sort By Price With Cursor Pagination
    [Documentation]    ``PRICE_ASC`` and ``PRICE_DESC`` pages walked with ``first``/``after`` list every product
    ...    once, in price order (equal prices in a stable order, also across a page break), and ``hasNextPage``
    ...    ends the walk. Price bounds filter, and a cursor of another sort order is refused.
    ${category}=    Create Run Category    ราคา
    ${created}=    Create List
    FOR    ${price}    IN    189.00    35.00    1250.50    189.00    42.75
        ${product}=    Create Product As    ${MANAGER}    price=${price}    categoryId=${category}[id]
        Append To List    ${created}    ${product}
    END
    ${ascending}=    Evaluate
    ...    [p['id'] for p in sorted($created, key=lambda p: (decimal.Decimal(p['price']), p['id']))]
    ...    modules=decimal
    ${descending}=    Evaluate    list(reversed($ascending))
    ${pages}=    Walk Product Pages    PRICE_ASC    ${3}    categoryId=${category}[id]
    ${ids}=    Evaluate    [edge['node']['id'] for page in $pages for edge in page['edges']]
    Lists Should Be Equal    ${ids}    ${ascending}
    ${prices}=    Evaluate    [edge['node']['price'] for page in $pages for edge in page['edges']]
    Lists Should Be Equal    ${prices}    ${{ ['35.00', '42.75', '189.00', '189.00', '1250.50'] }}
    Length Should Be    ${pages}    2
    ${pages}=    Walk Product Pages    PRICE_DESC    ${2}    categoryId=${category}[id]
    ${ids}=    Evaluate    [edge['node']['id'] for page in $pages for edge in page['edges']]
    Lists Should Be Equal    ${ids}    ${descending}
    Length Should Be    ${pages}    3
    ${page}=    Products Page    ${VIEWER}    PRICE_ASC    ${100}    ${None}    categoryId=${category}[id]
    ...    minPrice=40    maxPrice=189.00
    ${prices}=    Evaluate    [edge['node']['price'] for edge in $page['edges']]
    Lists Should Be Equal    ${prices}    ${{ ['42.75', '189.00', '189.00'] }}
    ${first}=    Products Page    ${VIEWER}    PRICE_ASC    ${2}    ${None}    categoryId=${category}[id]
    ${response}=    Products Request    ${VIEWER}    PRICE_DESC    ${2}    ${first}[pageInfo][endCursor]
    ...    categoryId=${category}[id]
    GraphQL Error Fields Should Be    ${response}    after
    # A negative price bound is BAD_USER_INPUT. Only the field name is checked: the argument is ``filter``, but
    # the service reports the path as ``input.minPrice``.
    ${response}=    Products Request    ${VIEWER}    PRICE_ASC    ${2}    ${None}    minPrice=-1
    ${error}=    GraphQL Error Code Should Be    ${response}    BAD_USER_INPUT
    ${paths}=    Evaluate    [field['path'] for field in $error['extensions']['fields']]
    Length Should Be    ${paths}    1
    Should End With    ${paths}[0]    .minPrice

Products Sort By Thai Name In Dictionary Order
    [Documentation]    ``NAME`` sorts by the Thai name in Thai dictionary order, where a leading vowel such as
    ...    ``เ`` or ``ไ`` does not count (``เกลือ`` sorts under ``ก``, ``ไข่ไก่`` under ``ข``); the order holds across
    ...    pages.
    ${category}=    Create Run Category    เรียงชื่อ
    FOR    ${name}    IN    ไข่ไก่    ขนมปัง    กะทิ    เกลือ    กล้วยหอม
        Create Product As    ${MANAGER}    nameTh=${name}    categoryId=${category}[id]
    END
    ${pages}=    Walk Product Pages    NAME    ${2}    categoryId=${category}[id]
    ${names}=    Evaluate    [edge['node']['nameTh'] for page in $pages for edge in page['edges']]
    Lists Should Be Equal    ${names}    ${{ ['กล้วยหอม', 'กะทิ', 'เกลือ', 'ขนมปัง', 'ไข่ไก่'] }}

Update With Expected Version Then A Stale Version Is CONFLICT
    [Documentation]    ``updateProduct`` with the ``version`` last read changes the product and bumps the version;
    ...    a second update still sending the old version is refused with CONFLICT and changes nothing. Reads by
    ...    id (cached) show the new values at once.
    ${product}=    Create Product As    ${MANAGER}    nameTh=${RICE_NAME_TH}    unit=ถุง    price=189.00
    Product By Id    ${VIEWER}    ${product}[id]
    ${response}=    Update Product Request    ${MANAGER}    ${product}[id]    expectedVersion=${product}[version]
    ...    price=199.00    nameEn=${RICE_NAME_EN}
    ${data}=    GraphQL Should Succeed    ${response}
    ${updated}=    Set Variable    ${data}[updateProduct]
    Should Be Equal    ${updated}[price]    199.00
    Should Be Equal    ${updated}[nameEn]    ${RICE_NAME_EN}
    Should Be Equal    ${updated}[nameTh]    ${RICE_NAME_TH}
    Should Be Equal As Integers    ${updated}[version]    ${{ $product['version'] + 1 }}
    ${response}=    Update Product Request    ${MANAGER}    ${product}[id]    expectedVersion=${product}[version]
    ...    price=209.00
    GraphQL Error Code Should Be    ${response}    CONFLICT
    ${read}=    Product By Id    ${VIEWER}    ${product}[id]
    Dictionaries Should Be Equal    ${read}    ${updated}
    # Clearing an optional field with null.
    ${response}=    Update Product Request    ${MANAGER}    ${product}[id]    expectedVersion=${updated}[version]
    ...    nameEn=${None}
    ${data}=    GraphQL Should Succeed    ${response}
    Should Be Equal    ${data}[updateProduct][nameEn]    ${None}
    Should Be Equal    ${data}[updateProduct][price]    199.00

Duplicate SKU Is CONFLICT On input.sku
    [Documentation]    SKUs are unique regardless of case: creating a second product with the same SKU in
    ...    other letters, or renaming another product to it, is refused with CONFLICT on ``input.sku``.
    ${product}=    Create Product As    ${MANAGER}
    ${same_sku}=    Convert To Lower Case    ${product}[sku]
    ${response}=    Create Product Request    ${MANAGER}    sku=${same_sku}    nameTh=สินค้าซ้ำ    unit=ชิ้น
    ...    price=10.00
    GraphQL Error Fields Should Be    ${response}    input.sku    code=CONFLICT
    ${other}=    Create Product As    ${MANAGER}
    ${response}=    Update Product Request    ${MANAGER}    ${other}[id]    sku=${same_sku}
    GraphQL Error Fields Should Be    ${response}    input.sku    code=CONFLICT
    ${read}=    Product By Id    ${VIEWER}    ${other}[id]
    Should Be Equal    ${read}[sku]    ${other}[sku]

Invalid Product Input Is BAD_USER_INPUT With Field Paths
    [Documentation]    A negative price, an empty (or blank) Thai name, a wrong EAN-13 check digit, more than two
    ...    decimals and a malformed SKU are each reported in ``extensions.fields`` with their input path;
    ...    nothing is created.
    ${sku}=    Unique Sku    invalid
    ${response}=    Create Product Request    ${MANAGER}    sku=${sku}    nameTh=ข้าวหอมมะลิ    unit=ถุง
    ...    price=-1.00
    GraphQL Error Fields Should Be    ${response}    input.price
    ${response}=    Create Product Request    ${MANAGER}    sku=${sku}    nameTh=${EMPTY}    unit=ถุง
    ...    price=189.00
    GraphQL Error Fields Should Be    ${response}    input.nameTh
    ${response}=    Create Product Request    ${MANAGER}    sku=${sku}    nameTh=${EMPTY}    unit=ถุง
    ...    price=-189.00
    GraphQL Error Fields Should Be    ${response}    input.nameTh    input.price
    ${response}=    Create Product Request    ${MANAGER}    sku=${sku}    nameTh=${SPACE * 3}    unit=ถุง
    ...    price=189.00
    GraphQL Error Fields Should Be    ${response}    input.nameTh
    ${response}=    Create Product Request    ${MANAGER}    sku=${sku}    nameTh=ข้าวหอมมะลิ    unit=ถุง
    ...    price=189.00    barcode=${BAD_EAN13}
    GraphQL Error Fields Should Be    ${response}    input.barcode
    ${response}=    Create Product Request    ${MANAGER}    sku=${sku}    nameTh=ข้าวหอมมะลิ    unit=ถุง
    ...    price=189.005
    GraphQL Error Fields Should Be    ${response}    input.price
    ${response}=    Create Product Request    ${MANAGER}    sku=ข้าว-${sku}    nameTh=ข้าวหอมมะลิ    unit=ถุง
    ...    price=189.00
    GraphQL Error Fields Should Be    ${response}    input.sku
    ${missing}=    Product By SKU    ${VIEWER}    ${sku}
    Should Be Equal    ${missing}    ${None}
    # The same rules hold for updates.
    ${product}=    Create Product As    ${MANAGER}
    ${response}=    Update Product Request    ${MANAGER}    ${product}[id]    price=-5.00
    GraphQL Error Fields Should Be    ${response}    input.price
    ${response}=    Update Product Request    ${MANAGER}    ${product}[id]    barcode=${BAD_EAN13}
    GraphQL Error Fields Should Be    ${response}    input.barcode
    ${read}=    Product By Id    ${VIEWER}    ${product}[id]
    Dictionaries Should Be Equal    ${read}    ${product}

Viewer Gets FORBIDDEN On Product Changes
    [Documentation]    A VIEWER may read the catalog but not change it: ``createProduct``, ``updateProduct``,
    ...    ``archiveProduct`` and ``createCategory`` are refused with FORBIDDEN and take no effect. Without a
    ...    token even reading is UNAUTHENTICATED.
    ${sku}=    Unique Sku    forbidden
    ${response}=    Create Product Request    ${VIEWER}    sku=${sku}    nameTh=ข้าวหอมมะลิ    unit=ถุง
    ...    price=189.00
    GraphQL Error Code Should Be    ${response}    FORBIDDEN
    ${missing}=    Product By SKU    ${MANAGER}    ${sku}
    Should Be Equal    ${missing}    ${None}
    ${product}=    Create Product As    ${MANAGER}
    ${response}=    Update Product Request    ${VIEWER}    ${product}[id]    price=1.00
    GraphQL Error Code Should Be    ${response}    FORBIDDEN
    ${response}=    Archive Product Request    ${VIEWER}    ${product}[id]
    GraphQL Error Code Should Be    ${response}    FORBIDDEN
    ${response}=    Create Category Request    ${VIEWER}    nameTh=หมวดต้องห้าม ${RUN}
    GraphQL Error Code Should Be    ${response}    FORBIDDEN
    ${read}=    Product By Id    ${VIEWER}    ${product}[id]
    Dictionaries Should Be Equal    ${read}    ${product}
    ${response}=    Products Request    ${EMPTY}
    GraphQL Error Code Should Be    ${response}    UNAUTHENTICATED

Archived Product Is Left Out Of Active Products
    [Documentation]    ``archiveProduct`` keeps the product but makes it inactive: ``active: true`` no longer
    ...    lists it, ``active: false`` does, and reading it by id shows it inactive. Archiving again changes
    ...    nothing.
    ${category}=    Create Run Category    เลิกขาย
    ${kept}=    Create Product As    ${MANAGER}    categoryId=${category}[id]
    ${archived}=    Create Product As    ${MANAGER}    categoryId=${category}[id]
    ${response}=    Archive Product Request    ${MANAGER}    ${archived}[id]
    ${data}=    GraphQL Should Succeed    ${response}
    Should Not Be True    $data['archiveProduct']['isActive']
    Should Be Equal As Integers    ${data}[archiveProduct][version]    ${{ $archived['version'] + 1 }}
    ${active}=    Product Ids    ${VIEWER}    categoryId=${category}[id]    active=${True}
    Lists Should Be Equal    ${active}    ${{ [$kept['id']] }}
    ${inactive}=    Product Ids    ${VIEWER}    categoryId=${category}[id]    active=${False}
    Lists Should Be Equal    ${inactive}    ${{ [$archived['id']] }}
    ${all}=    Product Ids    ${VIEWER}    categoryId=${category}[id]
    Lists Should Be Equal    ${all}    ${{ [$archived['id'], $kept['id']] }}
    ${read}=    Product By Id    ${VIEWER}    ${archived}[id]
    Should Not Be True    $read['isActive']
    ${response}=    Archive Product Request    ${MANAGER}    ${archived}[id]
    ${data}=    GraphQL Should Succeed    ${response}
    Should Be Equal As Integers    ${data}[archiveProduct][version]    ${read}[version]

Category Tree Refuses Moving A Category Under Its Own Child
    [Documentation]    Categories form a tree: a child and grandchild are listed under their parent, and a
    ...    category filter includes the subcategories' products. Moving the parent under its child, its
    ...    grandchild or itself is refused with CONFLICT; a sibling name taken is CONFLICT on ``input.nameTh``;
    ...    moving the child to the top level works (its name is unique per run, so it clashes with no other
    ...    top-level category). A parent that does not exist is NOT_FOUND.
    ${parent}=    Create Run Category    เครื่องดื่ม
    ${suffix}=    Unique Suffix
    ${child}=    Create Category As    ${MANAGER}    parentId=${parent}[id]    nameTh=น้ำอัดลม ${suffix}
    ...    nameEn=Soft drinks
    ${grandchild}=    Create Category As    ${MANAGER}    parentId=${child}[id]    nameTh=โคล่า
    Should Be Equal    ${child}[parentId]    ${parent}[id]
    ${read}=    Category By Id    ${parent}[id]
    ${children}=    Evaluate    [c['id'] for c in $read['children']]
    Lists Should Be Equal    ${children}    ${{ [$child['id']] }}
    Should Be Equal    ${read}[parent]    ${None}
    ${read}=    Category By Id    ${grandchild}[id]
    Should Be Equal    ${read}[parent][id]    ${child}[id]
    ${response}=    GraphQL Request    ${CATEGORIES}    token=${VIEWER}
    ${data}=    GraphQL Should Succeed    ${response}
    ${listed}=    Evaluate    {c['id']: c['parentId'] for c in $data['categories']}
    Should Be Equal    ${{ $listed.get($grandchild['id']) }}    ${child}[id]
    ${cola}=    Create Product As    ${MANAGER}    nameTh=โคล่ากระป๋อง 325 มล.    unit=กระป๋อง    price=15.00
    ...    categoryId=${grandchild}[id]
    ${found}=    Product Ids    ${VIEWER}    categoryId=${parent}[id]
    Lists Should Be Equal    ${found}    ${{ [$cola['id']] }}
    FOR    ${target}    IN    ${child}[id]    ${grandchild}[id]    ${parent}[id]
        ${response}=    Update Category Request    ${MANAGER}    ${parent}[id]    parentId=${target}
        GraphQL Error Code Should Be    ${response}    CONFLICT
    END
    ${read}=    Category By Id    ${parent}[id]
    Should Be Equal    ${read}[parentId]    ${None}
    ${response}=    Create Category Request    ${MANAGER}    parentId=${parent}[id]    nameTh=${child}[nameTh]
    GraphQL Error Fields Should Be    ${response}    input.nameTh    code=CONFLICT
    ${unknown}=    Evaluate    str(uuid.uuid4())    modules=uuid
    ${response}=    Create Category Request    ${MANAGER}    parentId=${unknown}    nameTh=หมวดกำพร้า
    GraphQL Error Code Should Be    ${response}    NOT_FOUND
    ${response}=    Update Category Request    ${MANAGER}    ${child}[id]    parentId=${None}
    ${data}=    GraphQL Should Succeed    ${response}
    Should Be Equal    ${data}[updateCategory][parentId]    ${None}
    ${found}=    Product Ids    ${VIEWER}    categoryId=${parent}[id]
    Should Be Empty    ${found}


*** Keywords ***
Prepare Products Suite
    [Documentation]    Opens the HTTP session, gets the MANAGER's (``${MANAGER}``) and VIEWER's (``${VIEWER}``)
    ...    tokens and a suffix for this run's category names (``${RUN}``).
    Create GraphQL Session    ${BASE_URL}
    ${manager}=    Role Token    MANAGER
    ${viewer}=    Role Token    VIEWER
    ${run}=    Unique Suffix
    Set Suite Variable    ${MANAGER}    ${manager}
    Set Suite Variable    ${VIEWER}    ${viewer}
    Set Suite Variable    ${RUN}    ${run}

Create Run Category
    [Documentation]    Creates a top-level category named ``${name_th}`` plus a unique suffix (names are unique
    ...    among siblings), as the MANAGER, and returns it; tests filter by it to see only their own products.
    [Arguments]    ${name_th}
    ${suffix}=    Unique Suffix
    ${category}=    Create Category As    ${MANAGER}    nameTh=${name_th} ${suffix}
    RETURN    ${category}

Category By Id
    [Documentation]    Returns ``category(id)`` with its ``parent`` and ``children``, read by the VIEWER.
    [Arguments]    ${id}
    ${variables}=    Create Dictionary    id=${id}
    ${response}=    GraphQL Request    ${CATEGORY_BY_ID}    ${variables}    token=${VIEWER}
    ${data}=    GraphQL Should Succeed    ${response}
    RETURN    ${data}[category]

Walk Product Pages
    [Documentation]    Reads every page of ``products`` in ``${sort}`` order, ``${first}`` at a time, filtered by
    ...    the named arguments, and returns the pages. Checks on the way that ``endCursor`` is the last edge's
    ...    cursor, that only the last page has no next page, and that no product repeats.
    [Arguments]    ${sort}    ${first}    &{filter}
    ${pages}=    Create List
    ${after}=    Set Variable    ${None}
    FOR    ${index}    IN RANGE    20
        ${page}=    Products Page    ${VIEWER}    ${sort}    ${first}    ${after}    &{filter}
        Append To List    ${pages}    ${page}
        Should Not Be Empty    ${page}[edges]
        Should Be Equal    ${page}[pageInfo][endCursor]    ${page}[edges][-1][cursor]
        IF    not $page['pageInfo']['hasNextPage']    BREAK
        Length Should Be    ${page}[edges]    ${first}
        ${after}=    Set Variable    ${page}[pageInfo][endCursor]
    END
    Should Not Be True    $pages[-1]['pageInfo']['hasNextPage']
    ${ids}=    Evaluate    [edge['node']['id'] for page in $pages for edge in page['edges']]
    List Should Not Contain Duplicates    ${ids}
    RETURN    ${pages}
